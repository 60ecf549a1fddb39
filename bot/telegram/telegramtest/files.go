package telegramtest

import (
	"net/http"
	"strconv"
	"strings"
)

type storedFile struct {
	id, unique, path, name, mime string
	data                         []byte
}

// storeFile keeps a file for getFile and download (the caller holds mu).
func (s *Server) storeFile(name, mime string, data []byte) *storedFile {
	s.seq++
	n := strconv.Itoa(s.seq)
	f := &storedFile{id: "FILE" + n, unique: "U" + n, path: "documents/file_" + n + "_" + name,
		name: name, mime: mime, data: data}
	s.files[f.id] = f
	return f
}

func (s *Server) sendFile(method string, q request) (any, *apiError) {
	cs, e := s.target(q.int64("chat_id"))
	if e != nil {
		return nil, e
	}
	field := strings.TrimPrefix(strings.ToLower(method), "send")
	sent := Sent{Method: method, ChatID: cs.chat.ID, Caption: q.params["caption"], ParseMode: q.params["parse_mode"], Params: q.params}
	if up, ok := q.files[field]; ok {
		f := s.storeFile(up.name, "application/octet-stream", up.data)
		sent.FileName, sent.FileSize, sent.Params = up.name, len(up.data), withFileID(q.params, field, f.id)
	} else if f := s.files[q.params[field]]; f != nil {
		sent.FileName, sent.FileSize = f.name, len(f.data)
	} else {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	caption, e := render(sent.Caption, sent.ParseMode, 1024, "message caption is too long")
	if e != nil {
		return nil, e
	}
	sent.Plain = caption
	if e := markup(q.params["reply_markup"], &sent); e != nil {
		return nil, e
	}
	if e := s.limit(cs.chat); e != nil {
		return nil, e
	}
	return s.record(cs, sent), nil
}

func withFileID(params map[string]string, field, id string) map[string]string {
	out := map[string]string{field: id}
	for k, v := range params {
		out[k] = v
	}
	return out
}

func (s *Server) getFile(q request) (any, *apiError) {
	f := s.files[q.params["file_id"]]
	if f == nil {
		return nil, badRequest("invalid file_id")
	}
	return map[string]any{"file_id": f.id, "file_unique_id": f.unique, "file_size": len(f.data), "file_path": f.path}, nil
}

// serveFile is the download address /file/bot<token>/<path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/file/bot")
	tok, path, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	var data []byte
	for _, f := range s.files {
		if f.path == path && tok == s.token {
			data = f.data
		}
	}
	s.mu.Unlock()
	if data == nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

// FileData returns the bytes of a file users or the bot sent, by file id
// (a sent document's id is in Sent.Params["document"]).
func (s *Server) FileData(fileID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[fileID]
	if f == nil {
		return nil, false
	}
	return append([]byte(nil), f.data...), true
}

// ForgetFile makes a file id unknown, as Telegram does for another bot's
// ids: sending it answers 400.
func (s *Server) ForgetFile(fileID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.files, fileID)
}
