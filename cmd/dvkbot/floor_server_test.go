package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
)

// floorServerEnv makes the test binary serve canned Bot API answers
// instead of running tests (see TestMain).
const floorServerEnv = "DVKBOT_FLOOR_SERVER"

// serveFloor answers every request with a sendMessage-sized result and
// prints its address on the first line of stdout; it exits when its
// stdin closes (the benchmark that started it has ended).
func serveFloor() {
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr())
	answer := []byte(`{"ok":true,"result":{"message_id":4242,"from":{"id":1,"is_bot":true,"first_name":"DVK","username":"dvkbot"},` +
		`"chat":{"id":5000,"first_name":"Bí thư","type":"private"},"date":1764000000,"text":"` + strings.Repeat("Câu hỏi ", 30) + `"}}`)
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	}))
}
