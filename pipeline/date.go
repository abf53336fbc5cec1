package pipeline

import (
	"encoding/json"
	"fmt"
	"time"
)

// Precision says how much of a Date the source stated.
type Precision int

const (
	DayPrecision    Precision = iota // 2022-11-22
	MinutePrecision                  // 2022-11-14T13:05, local time of the outlet, zone unknown
	ZonedPrecision                   // 2022-11-14T13:05:00+04:00
)

// A Date is a publication date as precise as its source: a day, a local
// time, or an instant with its zone. In JSON it is the matching ISO 8601
// form: "2022-11-22", "2022-11-14T13:05" or "2022-11-14T13:05:00+04:00".
type Date struct {
	Time      time.Time
	Precision Precision
}

// Day returns a date with day precision.
func Day(year int, month time.Month, day int) *Date {
	return &Date{Time: time.Date(year, month, day, 0, 0, 0, 0, time.UTC), Precision: DayPrecision}
}

const (
	dayLayout    = "2006-01-02"
	minuteLayout = "2006-01-02T15:04"
	zonedLayout  = time.RFC3339
)

// String returns the ISO 8601 form.
func (d Date) String() string {
	switch d.Precision {
	case MinutePrecision:
		return d.Time.Format(minuteLayout)
	case ZonedPrecision:
		return d.Time.Format(zonedLayout)
	default:
		return d.Time.Format(dayLayout)
	}
}

// MarshalJSON writes the ISO 8601 form.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads any of the three ISO 8601 forms.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p, err := ParseISODate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// ParseISODate reads "2006-01-02", "2006-01-02T15:04" or an RFC 3339 time.
func ParseISODate(s string) (Date, error) {
	if t, err := time.Parse(zonedLayout, s); err == nil {
		return Date{Time: t, Precision: ZonedPrecision}, nil
	}
	if t, err := time.Parse(minuteLayout, s); err == nil {
		return Date{Time: t, Precision: MinutePrecision}, nil
	}
	if t, err := time.Parse(dayLayout, s); err == nil {
		return Date{Time: t, Precision: DayPrecision}, nil
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM-DDThh:mm or RFC 3339", s)
}
