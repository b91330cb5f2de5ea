// Package hsg decodes the Office of the Historian's public datasets exactly as
// upstream publishes them: travels (Secretary of State and presidential trips),
// visits (foreign leaders' visits to the U.S.), gsh (country ids, ISO codes,
// regional bureaus) and pocom (Secretaries' terms).
//
// Decoders stream: each file is read token by token, one record at a time, and
// every error carries the file, line, column and record id so that a person can
// open the file and fix it. Values are cleaned (whitespace folded, dates
// parsed) but not interpreted: resolving country ids and dropping duplicates is
// the ingest package's job.
package hsg
