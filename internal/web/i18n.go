package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// DefaultLang is the language of a visitor who asked for nothing we have.
const DefaultLang = "vi"

// langTags lists the supported languages, the default first: Langs and MatchLang follow its order.
var langTags = []language.Tag{language.Vietnamese, language.English}

// langMatcher picks vi or en from an Accept-Language header; built once, it is safe to share.
var langMatcher = language.NewMatcher(langTags)

// keyPattern is the shape of a message key: dotted lower-case segments, e.g. "job.status.pending";
// a job type segment may carry a colon ("job.type.report:generate").
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_:]+)+$`)

// I18n holds the message catalogs, one per language, merged from i18n/{lang}/*.json. Messages are
// fmt-style formats ("Xin chào, %s!") printed by golang.org/x/text/message, so numbers in them
// follow the language (1.234 in Vietnamese, 1,234 in English). It is read-only after LoadI18n and
// safe for concurrent use.
type I18n struct {
	msgs     map[string]map[string]string // lang → key → message
	printers map[string]*message.Printer  // lang → printer over the catalog
}

// Langs returns the supported languages, the default (vi) first.
func Langs() []string {
	out := make([]string, len(langTags))
	for i, t := range langTags {
		out[i] = t.String()
	}
	return out
}

// MatchLang picks the language of a request: the language cookie when it names a supported
// language, else the best match for the Accept-Language header, else vi. Handlers that accept a
// ?lang= switch pass its value as cookie (and then set the cookie).
func MatchLang(cookie, acceptLanguage string) string {
	c := strings.ToLower(strings.TrimSpace(cookie))
	if slices.Contains(Langs(), c) {
		return c
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return DefaultLang
	}
	_, idx, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return DefaultLang
	}
	return langTags[idx].String()
}

// LoadI18n reads the catalogs of every language in Langs from fsys: each i18n/{lang}/*.json file
// (common.json for words several areas share, one {area}.json per area) is one flat JSON object
// of key → message, and a language's files are merged. A key defined twice (in one file or in
// two), a key of the wrong shape, an empty message, a language without files or a leftover
// single-file catalog (i18n/{lang}.json) is an error, so a broken catalog stops the server at
// start, not a page at run time.
func LoadI18n(fsys fs.FS) (*I18n, error) {
	i := &I18n{msgs: map[string]map[string]string{}, printers: map[string]*message.Printer{}}
	b := catalog.NewBuilder(catalog.Fallback(langTags[0]))
	for _, tag := range langTags {
		lang := tag.String()
		m, _, err := readLang(fsys, lang)
		if err != nil {
			return nil, fmt.Errorf("load i18n %s: %w", lang, err)
		}
		for k, v := range m {
			if err := b.SetString(tag, k, v); err != nil {
				return nil, fmt.Errorf("load i18n %s: key %q: %w", lang, k, err)
			}
		}
		i.msgs[lang] = m
	}
	for _, tag := range langTags {
		i.printers[tag.String()] = message.NewPrinter(tag, message.Catalog(b))
	}
	return i, nil
}

// readLang reads and merges i18n/{lang}/*.json (other files and folders are ignored) and returns
// the messages and, for each key, the file that defines it.
func readLang(fsys fs.FS, lang string) (msgs, files map[string]string, err error) {
	dir := "i18n/" + lang
	if _, err := fs.Stat(fsys, dir+".json"); err == nil {
		return nil, nil, fmt.Errorf("%s.json: catalogs live in %s/*.json (common.json and one file per area)", dir, dir)
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	msgs, files = map[string]string{}, map[string]string{}
	for _, e := range entries { // sorted by name, so errors and origins are stable
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		name := dir + "/" + e.Name()
		m, err := readCatalog(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		for k, v := range m {
			if prev, dup := files[k]; dup {
				return nil, nil, fmt.Errorf("key %q is defined in both %s and %s", k, prev, name)
			}
			msgs[k], files[k] = v, name
		}
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("%s: no messages (want %s/common.json and one file per area)", dir, dir)
	}
	return msgs, files, nil
}

// readCatalog decodes one flat JSON object of strings, rejecting duplicate keys (encoding/json
// would silently keep the last one).
func readCatalog(fsys fs.FS, name string) (map[string]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("%s: want one JSON object of key → message", name)
	}
	m := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		key, _ := tok.(string)
		var val string
		if err := dec.Decode(&val); err != nil {
			return nil, fmt.Errorf("%s: key %q: message must be a string: %w", name, key, err)
		}
		switch {
		case !keyPattern.MatchString(key):
			return nil, fmt.Errorf("%s: key %q: want dotted lower-case segments like \"nav.logout\"", name, key)
		case strings.TrimSpace(val) == "":
			return nil, fmt.Errorf("%s: key %q: empty message", name, key)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("%s: key %q appears twice", name, key)
		}
		m[key] = val
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: trailing data after the object", name)
	}
	return m, nil
}

// T returns the message for key in lang, formatted with args (fmt verbs, language-aware
// numbers). An unknown lang or a key missing in lang falls back to Vietnamese; a key missing
// everywhere returns the key itself, which tests look for in rendered pages.
func (i *I18n) T(lang, key string, args ...any) string {
	if _, ok := i.msgs[lang][key]; !ok {
		lang = DefaultLang
		if _, ok := i.msgs[lang][key]; !ok {
			return key
		}
	}
	return i.printers[lang].Sprintf(key, args...)
}

// Has reports whether lang's catalog has key (without fallback).
func (i *I18n) Has(lang, key string) bool {
	_, ok := i.msgs[lang][key]
	return ok
}

// Keys returns the sorted keys of lang's catalog.
func (i *I18n) Keys(lang string) []string {
	keys := make([]string, 0, len(i.msgs[lang]))
	for k := range i.msgs[lang] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Number formats n the way lang writes numbers (1.234 in Vietnamese, 1,234 in English).
func (i *I18n) Number(lang string, n int) string {
	p, ok := i.printers[lang]
	if !ok {
		p = i.printers[DefaultLang]
	}
	return p.Sprint(n)
}
