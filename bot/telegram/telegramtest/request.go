package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// readRequest reads form, multipart or JSON parameters, as Telegram does.
func readRequest(r *http.Request) (request, error) {
	q := request{params: map[string]string{}, files: map[string]upload{}}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		return q, readJSON(r, q)
	case "multipart/form-data":
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return q, err
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return q, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return q, err
			}
			q.files[k] = upload{name: fhs[0].Filename, data: data}
		}
	}
	if err := r.ParseForm(); err != nil {
		return q, err
	}
	for k, v := range r.Form {
		q.params[k] = v[0]
	}
	return q, nil
}

func readJSON(r *http.Request, q request) error {
	var m map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		return fmt.Errorf("can't parse JSON: %w", err)
	}
	for k, raw := range m {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			q.params[k] = s
			continue
		}
		q.params[k] = strings.TrimSpace(string(raw))
	}
	return nil
}
