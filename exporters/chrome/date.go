package chrome

import (
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

// Date returns d as the locale shows a date in running text: the CLDR long
// date ("22 de noviembre de 2022"), with the short time when the source
// gave one and the UTC offset when it gave that too. The calendar is the
// language's CLDR default: Gregorian, but the Solar Hijri (Persian)
// calendar in Persian, as Iranian readers date things ("۲۴ آبان ۱۴۰۱").
// Machine-readable forms stay ISO (pipeline.Date.String), as in
// <time datetime>.
func (l *Locale) Date(d pipeline.Date) string {
	t := d.Time
	date := l.format(l.cldr.dateLong, t)
	if d.Precision != pipeline.MinutePrecision && d.Precision != pipeline.ZonedPrecision {
		return date
	}
	clock := l.format(l.cldr.timeShort, t)
	if d.Precision == pipeline.ZonedPrecision {
		clock += " " + l.offset(t)
	}
	return strings.NewReplacer("{1}", date, "{0}", clock).Replace(l.cldr.dateTime)
}

// Day returns t's calendar day in UTC as a long date.
func (l *Locale) Day(t time.Time) string {
	return l.format(l.cldr.dateLong, t.UTC())
}

// offset writes t's UTC offset in the locale's GMT format ("GMT+04:00").
func (l *Locale) offset(t time.Time) string {
	_, secs := t.Zone()
	if secs == 0 {
		return l.cldr.gmtZero
	}
	pos, neg, _ := strings.Cut(l.cldr.hourFormat, ";")
	pattern := pos
	if secs < 0 {
		pattern, secs = neg, -secs
	}
	clock := time.Date(2000, 1, 1, secs/3600, secs%3600/60, 0, 0, time.UTC)
	return strings.Replace(l.cldr.gmt, "{0}", l.format(pattern, clock), 1)
}

// format expands a CLDR date pattern with the fields dossier shows: day,
// month, year, hours, minutes and the AM/PM marker; text in quotes is
// literal, and ” is a quote.
func (l *Locale) format(pattern string, t time.Time) string {
	year, month, day := t.Year(), int(t.Month()), t.Day()
	if l.cldr.calendar == "persian" {
		year, month, day = persianDate(year, t.Month(), day)
	}
	var sb strings.Builder
	rs := []rune(pattern)
	for i := 0; i < len(rs); {
		c := rs[i]
		if c == '\'' {
			if i+1 < len(rs) && rs[i+1] == '\'' {
				sb.WriteRune('\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				sb.WriteRune(rs[j])
				j++
			}
			i = j + 1
			continue
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			sb.WriteRune(c)
			i++
			continue
		}
		n := 1
		for i+n < len(rs) && rs[i+n] == c {
			n++
		}
		i += n
		switch c {
		case 'd':
			sb.WriteString(l.digits(day, n))
		case 'M', 'L':
			if n >= 3 {
				sb.WriteString(l.cldr.months[month-1])
			} else {
				sb.WriteString(l.digits(month, n))
			}
		case 'y':
			if n == 2 {
				sb.WriteString(l.digits(year%100, 2))
			} else {
				sb.WriteString(l.digits(year, n))
			}
		case 'H':
			sb.WriteString(l.digits(t.Hour(), n))
		case 'h':
			sb.WriteString(l.digits((t.Hour()+11)%12+1, n))
		case 'm':
			sb.WriteString(l.digits(t.Minute(), n))
		case 'a':
			if t.Hour() < 12 {
				sb.WriteString(l.cldr.am)
			} else {
				sb.WriteString(l.cldr.pm)
			}
		default: // a field dossier does not show: keep the letters
			sb.WriteString(strings.Repeat(string(c), n))
		}
	}
	return sb.String()
}

// digits writes n zero-padded to width in the locale's digits, without
// grouping, as dates want.
func (l *Locale) digits(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	ds := []rune(l.cldr.digits)
	if len(ds) != 10 || ds[0] == '0' {
		return s
	}
	out := []rune(s)
	for i, r := range out {
		if r >= '0' && r <= '9' {
			out[i] = ds[r-'0']
		}
	}
	return string(out)
}

// persianDate converts a Gregorian day to the Solar Hijri calendar by the
// arithmetic rule ICU's PersianCalendar uses, which is what CLDR-based
// software shows: a year is leap when (25·year + 11) mod 33 < 8, the
// first six months have 31 days, the next five 30 and Esfand 29 or 30.
// Iran's official calendar starts the year at the equinox as observed,
// and the rule can differ from it by a day in some years; the tests pin
// the rule to known dates.
func persianDate(year int, month time.Month, day int) (py, pm, pd int) {
	const epoch = 1948320 // Julian day number of 1 Farvardin 1 AP
	// Julian day number of the day, counted from 1970-01-01 (2440588).
	jd := 2440588 + int(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()/86400)
	since := jd - epoch
	py = 1 + floorDiv(33*since+3, 12053)
	dayOfYear := since - (365*(py-1) + floorDiv(8*py+21, 33)) // from 0
	if dayOfYear < 186 {
		pm = dayOfYear / 31
	} else {
		pm = (dayOfYear - 6) / 30
	}
	start := 31 * pm // the day of the year (from 0) the month starts on
	if pm > 6 {
		start = 186 + 30*(pm-6)
	}
	pd = dayOfYear - start + 1
	return py, pm + 1, pd
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}
