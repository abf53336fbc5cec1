package clean

import (
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

func day(y int, m time.Month, d int) *pipeline.Date { return pipeline.Day(y, m, d) }

func minute(y int, m time.Month, d, hh, mm int) *pipeline.Date {
	return &pipeline.Date{Time: time.Date(y, m, d, hh, mm, 0, 0, time.UTC), Precision: pipeline.MinutePrecision}
}

func zoned(y int, m time.Month, d, hh, mm, offsetMinutes int) *pipeline.Date {
	loc := time.FixedZone("", offsetMinutes*60)
	return &pipeline.Date{Time: time.Date(y, m, d, hh, mm, 0, 0, loc), Precision: pipeline.ZonedPrecision}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *pipeline.Date // nil: not a date
	}{
		{"solar hijri, persian digits", "۲۴ آبان ۱۴۰۱", day(2022, 11, 15)},
		{"solar hijri, latin digits", "24 آبان 1401", day(2022, 11, 15)},
		{"solar hijri with weekday", "سه‌شنبه ۲۴ آبان ۱۴۰۱", day(2022, 11, 15)},
		{"solar hijri with time", "۲۴ آبان ۱۴۰۱ ساعت ۱۰:۳۰", minute(2022, 11, 15, 10, 30)},
		{"english month first", "November 22, 2022", day(2022, 11, 22)},
		{"english abbreviated", "16 Nov 2022", day(2022, 11, 16)},
		{"english ordinal", "22nd November 2022", day(2022, 11, 22)},
		{"year glued to the time", "NOV 15, 20195:45 AM", minute(2019, 11, 15, 5, 45)},
		{"english with weekday", "Tuesday, 22 November 2022", day(2022, 11, 22)},
		{"english updated with pm and zone", "Updated 3 May 2023, 6:45 pm BST", zoned(2023, 5, 3, 18, 45, 60)},
		{"english published prefix", "Published: 16 Nov 2022", day(2022, 11, 16)},
		{"azerbaijani with time", "14 noyabr 2022, 11:42", minute(2022, 11, 14, 11, 42)},
		{"azerbaijani day only", "3 aprel 2023", day(2023, 4, 3)},
		{"russian genitive with time", "14 ноября 2022 13:05", minute(2022, 11, 14, 13, 5)},
		{"russian nominative", "ноябрь 14, 2022", day(2022, 11, 14)},
		{"russian with year word", "14 ноября 2022 г.", day(2022, 11, 14)},
		{"russian capitalised", "14 Ноября 2022", day(2022, 11, 14)},
		{"russian with msk", "14 ноября 2022, 13:05 MSK", zoned(2022, 11, 14, 13, 5, 180)},
		{"ukrainian genitive", "14 листопада 2022", day(2022, 11, 14)},
		{"turkish", "12 Mart 2023, 10:30", minute(2023, 3, 12, 10, 30)},
		{"turkish dotted i", "22 Kasım 2022", day(2022, 11, 22)},
		{"german with uhr", "Veröffentlicht am 3. März 2023, 14:20 Uhr", minute(2023, 3, 3, 14, 20)},
		{"german abbreviated", "3. Dez. 2022", day(2022, 12, 3)},
		{"french with h", "Publié le 12 janvier 2024 à 09h15", minute(2024, 1, 12, 9, 15)},
		{"french accented", "1 février 2023", day(2023, 2, 1)},
		{"spanish", "5 de abril de 2023", day(2023, 4, 5)},
		{"armenian genitive", "12 մայիսի 2023", day(2023, 5, 12)},
		{"armenian year first", "2022 թ. նոյեմբերի 14", day(2022, 11, 14)},
		{"arabic indic digits", "١٢ مارس ٢٠٢٣", day(2023, 3, 12)},
		{"arabic levantine month", "14 تشرين الثاني 2022", day(2022, 11, 14)},
		{"persian gregorian month", "۱۴ نوامبر ۲۰۲۲", day(2022, 11, 14)},
		{"iso day", "2022-11-22", day(2022, 11, 22)},
		{"iso minute", "2022-11-14T13:05", minute(2022, 11, 14, 13, 5)},
		{"iso zoned", "2022-11-14T13:05:00+04:00", zoned(2022, 11, 14, 13, 5, 240)},
		{"iso utc", "2023-06-14T07:30:00Z", zoned(2023, 6, 14, 7, 30, 0)},
		{"iso with seconds fraction", "2023-06-14T07:30:12.345+01:00", zoned(2023, 6, 14, 7, 30, 60)},
		{"day first dotted", "14.11.2022", day(2022, 11, 14)},
		{"day first dotted with time", "14.11.2022, 13:05", minute(2022, 11, 14, 13, 5)},
		{"us slashes", "11/22/2022", day(2022, 11, 22)},
		{"gmt offset", "22 November 2022 10:00 GMT+4", zoned(2022, 11, 22, 10, 0, 240)},
		{"not a date: sentence", "On November 1, Azerbaijan said it had arrested 19 citizens", nil},
		{"not a date: no year", "Nov 2", nil},
		{"not a date: title", "Iran using Religious Schools to Recruit Spies", nil},
		{"not a date: 31 november", "31 November 2022", nil},
		{"not a date: esfand 30 in common year", "۳۰ اسفند ۱۴۰۲", nil},
		{"not a date: empty", "", nil},
		{"not a date: reading time", "5 min read", nil},
		{"not a date: hour 25", "14 ноября 2022 25:05", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if tt.want == nil {
				if ok {
					t.Fatalf("ParseDate(%q) = %v, want no date", tt.in, got)
				}
				return
			}
			if !ok {
				t.Fatalf("ParseDate(%q) found no date, want %v", tt.in, tt.want)
			}
			if got.Precision != tt.want.Precision || !got.Time.Equal(tt.want.Time) || got.String() != tt.want.String() {
				t.Errorf("ParseDate(%q) = %v (precision %d), want %v (precision %d)", tt.in, got, got.Precision, tt.want, tt.want.Precision)
			}
		})
	}
}

// The Solar Hijri table is checked against known Nowruz dates and the
// leap years around them (1403 is leap, so Esfand 1403 has 30 days).
func TestJalaliToGregorian(t *testing.T) {
	tests := []struct {
		name       string
		jy, jm, jd int
		want       string
	}{
		{"nowruz 1401", 1401, 1, 1, "2022-03-21"},
		{"nowruz 1402", 1402, 1, 1, "2023-03-21"},
		{"nowruz 1403", 1403, 1, 1, "2024-03-20"},
		{"nowruz 1404", 1404, 1, 1, "2025-03-21"},
		{"last day of leap 1403", 1403, 12, 30, "2025-03-20"},
		{"last day of common 1402", 1402, 12, 29, "2024-03-19"},
		{"last day of leap 1399", 1399, 12, 30, "2021-03-20"},
		{"24 aban 1401", 1401, 8, 24, "2022-11-15"},
		{"first of mehr 1401", 1401, 7, 1, "2022-09-23"},
		{"31 shahrivar 1401", 1401, 6, 31, "2022-09-22"},
		{"islamic revolution 22 bahman 1357", 1357, 11, 22, "1979-02-11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jalaliToGregorian(tt.jy, tt.jm, tt.jd)
			if err != nil {
				t.Fatal(err)
			}
			if s := got.Format("2006-01-02"); s != tt.want {
				t.Errorf("jalaliToGregorian(%d, %d, %d) = %s, want %s", tt.jy, tt.jm, tt.jd, s, tt.want)
			}
		})
	}
	for _, bad := range [][3]int{{1402, 12, 30}, {1401, 7, 31}, {1401, 13, 1}, {1401, 0, 1}, {1401, 1, 0}, {5000, 1, 1}} {
		if _, err := jalaliToGregorian(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("jalaliToGregorian%v: want an error", bad)
		}
	}
}

func TestJalaliLeapYears(t *testing.T) {
	// The 33-year cycle around now: 1399, 1403, 1408, 1412 are leap.
	leap := map[int]bool{1395: true, 1399: true, 1403: true, 1408: true, 1412: true}
	for jy := 1395; jy <= 1412; jy++ {
		_, _, got, err := jalaliYear(jy)
		if err != nil {
			t.Fatal(err)
		}
		if got != leap[jy] {
			t.Errorf("year %d: leap = %v, want %v", jy, got, leap[jy])
		}
	}
}
