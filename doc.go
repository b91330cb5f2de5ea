// Package shuttle holds the domain of the shuttle news platform: the records
// of U.S. diplomatic travel (countries, travellers, trips), the datasets they
// form, and the interfaces that stores implement.
//
// It imports nothing but the standard library, so that every other package —
// decoders, stores, the insight engine, the web layer — can share these types
// without depending on one another.
package shuttle
