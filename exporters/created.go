package exporters

import (
	"fmt"
	"strconv"
	"time"
)

// Created returns the time to write into outputs (Briefing.Created):
// SOURCE_DATE_EPOCH, read through getenv, when set, so that briefings of
// the same inputs are byte-identical (reproducible-builds.org), else now,
// to the second; in UTC either way.
func Created(getenv func(string) string, now time.Time) (time.Time, error) {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return now.UTC().Truncate(time.Second), nil
}
