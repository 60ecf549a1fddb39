package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The floor under a form step on this machine, at the step's pace.
//
// A form step is at the least one update arriving (a getUpdates answer),
// one commit with fsync and one reply sent (a sendMessage answer). Between
// steps the bot has nothing to do: 200 people share Telegram's 30 messages
// a second, so steps come some 33 ms apart, and waking an idle process
// costs CPU of its own (futex, epoll, timers) that a back-to-back
// measurement hides. floorCPU measures that minimum: rounds of one bare
// commit and two HTTP round trips with net/http (as the Bot API client
// makes them) to a server in another process — this test binary, run
// again as one — a pause of the step's pace before each round.

// floorServerEnv makes the test binary serve canned Bot API answers
// instead of running tests (see TestMain).
const floorServerEnv = "DVKBOT_FLOOR_SERVER"

// serveFloor answers every request with a sendMessage-sized result and
// prints its address on the first line of stdout.
func serveFloor() {
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

// floorCPU is this process's CPU per round of the floor, n rounds paced
// gap apart.
func floorCPU(b *testing.B, dir string, gap time.Duration, n int) time.Duration {
	b.Helper()
	addr, stop := startFloorServer(b)
	defer stop()
	commit, closeDB := bareCommitDB(b, dir, "floor.db")
	defer closeDB()
	client := &http.Client{Timeout: 10 * time.Second}
	body := url.Values{"chat_id": {"5000"}, "parse_mode": {"HTML"}, "text": {strings.Repeat("Câu hỏi ", 60)}}.Encode()
	roundTrip := func(method string) {
		resp, err := client.Post("http://"+addr+"/botTOKEN/"+method, "application/x-www-form-urlencoded", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	roundTrip("getMe") // the connection made, as the bot's is
	cpu0 := selfCPU()
	for i := range uint64(n) {
		time.Sleep(gap)
		roundTrip("getUpdates")
		if err := commit(2000 + i); err != nil {
			b.Fatal(err)
		}
		roundTrip("sendMessage")
	}
	return (selfCPU() - cpu0) / time.Duration(n)
}

// startFloorServer runs the test binary as the floor's server.
func startFloorServer(b *testing.B) (addr string, stop func()) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), floorServerEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		b.Fatal("floor server:", err)
	}
	return strings.TrimSpace(line), func() { cmd.Process.Kill(); cmd.Wait() }
}
