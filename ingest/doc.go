// Package ingest turns the Office of the Historian's datasets into one
// shuttle.Dataset: it finds the files (a directory laid out like upstream, or
// the upstream repositories downloaded and cached), decodes them with package
// hsg, resolves every country id to its canonical key, drops duplicate
// records and checks the result, dates included: none before 1776 or more
// than a year past the ingest day, and each trip within its traveller's
// term (see dates.go). It never touches a store: the caller hands
// the Dataset to one, which swaps it in whole.
package ingest
