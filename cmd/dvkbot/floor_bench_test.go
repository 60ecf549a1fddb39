//go:build linux

package main

import (
	"bufio"
	"io"
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
	alive, err := cmd.StdinPipe() // closed when this process ends, however it ends: the server then exits
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	stop = func() { alive.Close(); cmd.Process.Kill(); cmd.Wait() }
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		stop()
		b.Fatal("floor server:", err)
	}
	return strings.TrimSpace(line), stop
}
