package exporters

import (
	"testing"
	"time"
)

func TestCreated(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("", 3600))
	tests := []struct {
		name, epoch string
		want        time.Time
		err         bool
	}{
		{"unset: now, to the second, in UTC", "", time.Date(2026, 1, 2, 2, 4, 5, 0, time.UTC), false},
		{"set", "1669420800", time.Date(2022, 11, 26, 0, 0, 0, 0, time.UTC), false},
		{"not a number", "yesterday", time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Created(func(string) string { return tc.epoch }, now)
			if !got.Equal(tc.want) || (err != nil) != tc.err || got.Location() != time.UTC {
				t.Errorf("Created = %v, %v; want %v, error %v", got, err, tc.want, tc.err)
			}
		})
	}
}
