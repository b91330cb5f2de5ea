package snapshot

import (
	"github.com/shuttlenews/shuttle"
)

// A store that holds no data version yet answers every page and API call
// that needs data with NoData. Until the first ingest has landed that is
// "still being loaded"; when it has failed, the reason and what to do, so
// that a new user offline is not told to wait for a download that will
// never come.

// stillLoading is the answer while the first ingest runs.
const stillLoading = "The data is still being loaded. Please try again in a minute."

// NoData is the error to answer with while the store holds no data.
func (src *Source) NoData() error {
	if why := src.noData.Load(); why != nil {
		return shuttle.Errorf(shuttle.EUNAVAILABLE, "%s", *why)
	}
	return shuttle.Errorf(shuttle.EUNAVAILABLE, stillLoading)
}

// IngestFailed records why the first ingest failed, as a sentence a reader
// can act on; "" forgets it (an ingest is running again, or has landed).
func (src *Source) IngestFailed(why string) {
	if why == "" {
		src.noData.Store(nil)
		return
	}
	src.noData.Store(&why)
}
