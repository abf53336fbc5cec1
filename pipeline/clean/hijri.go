package clean

import (
	"fmt"
	"time"
)

// Solar Hijri (Jalali) to Gregorian conversion after Borkowski's
// break-year method, as used by the jalaali libraries; valid for the years
// 1178–3177 of the Solar Hijri era, far beyond any news archive.

// jalaliBreaks are the years in which the 33-year leap cycle is broken.
var jalaliBreaks = [...]int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
	1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

// jalaliYear returns the Gregorian year in which Solar Hijri year jy
// begins, the March day of its 1 Farvardin, and whether jy is a leap year
// (Esfand has 30 days).
func jalaliYear(jy int) (gy, march int, leap bool, err error) {
	if jy < jalaliBreaks[0] || jy >= jalaliBreaks[len(jalaliBreaks)-1] {
		return 0, 0, false, fmt.Errorf("solar hijri year %d out of range", jy)
	}
	gy = jy + 621
	leapJ := -14
	jp := jalaliBreaks[0]
	jump := 0
	for _, jm := range jalaliBreaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += jump/33*8 + jump%33/4
		jp = jm
	}
	n := jy - jp
	leapJ += n/33*8 + (n%33+3)/4
	if jump%33 == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := gy/4 - (gy/100+1)*3/4 - 150
	march = 20 + leapJ - leapG
	if jump-n < 6 {
		n = n - jump + (jump+4)/33*33
	}
	l := ((n+1)%33 - 1) % 4
	if l == -1 {
		l = 4
	}
	return gy, march, l == 0, nil
}

// jalaliToGregorian converts a Solar Hijri date to the Gregorian calendar.
func jalaliToGregorian(jy, jm, jd int) (time.Time, error) {
	if jm < 1 || jm > 12 {
		return time.Time{}, fmt.Errorf("solar hijri month %d out of range", jm)
	}
	gy, march, leap, err := jalaliYear(jy)
	if err != nil {
		return time.Time{}, err
	}
	days := 31
	switch {
	case jm == 12 && leap:
		days = 30
	case jm == 12:
		days = 29
	case jm > 6:
		days = 30
	}
	if jd < 1 || jd > days {
		return time.Time{}, fmt.Errorf("solar hijri day %d of month %d out of range", jd, jm)
	}
	offset := (jm-1)*31 - jm/7*(jm-7) + jd - 1
	return time.Date(gy, time.March, march+offset, 0, 0, 0, 0, time.UTC), nil
}
