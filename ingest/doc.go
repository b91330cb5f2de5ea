// Package ingest turns the Office of the Historian's datasets into one
// shuttle.Dataset: it finds the files (a directory laid out like upstream, or
// the upstream repositories downloaded and cached), decodes them with package
// hsg, resolves every country id to its canonical key, drops duplicate
// records and checks the result. It never touches a store: the caller hands
// the Dataset to one, which swaps it in whole.
package ingest
