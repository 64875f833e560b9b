package middleware

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

// maxZstdWindow bounds the zstd decoder's window (and so its memory); a
// stream that asks for more fails closed. 8 MiB is what zstd's own
// command line uses by default for streams it writes.
const maxZstdWindow = 8 << 20

var (
	errStopped  = errors.New("middleware: decoder stopped")
	errTrailing = errors.New("middleware: data after the end of the compressed stream")
	errDecode   = errors.New("middleware: compressed body could not be decoded")
)

// parseCoding maps a Content-Encoding value to the one coding the filter
// handles, "" for identity. Stacked codings ("gzip, br") are refused.
func parseCoding(ce string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(ce)) {
	case "", "identity":
		return "", true
	case "gzip", "x-gzip":
		return "gzip", true
	case "deflate":
		return "deflate", true
	case "br":
		return "br", true
	case "zstd":
		return "zstd", true
	}
	return "", false
}

// encoder re-encodes the redacted body; Flush pushes everything written
// so far to the client (a sync flush), so streaming survives compression.
type encoder interface {
	io.Writer
	Flush() error
	Close() error
}

func newEncoder(coding string, w io.Writer) encoder {
	switch coding {
	case "gzip":
		e, _ := gzip.NewWriterLevel(w, gzip.DefaultCompression)
		return e
	case "deflate":
		e, _ := zlib.NewWriterLevel(w, zlib.DefaultCompression)
		return e
	case "br":
		return brotli.NewWriterLevel(w, 4)
	default: // zstd
		e, _ := zstd.NewWriter(w, zstd.WithEncoderConcurrency(1),
			zstd.WithWindowSize(1<<20), zstd.WithLowerEncoderMem(true))
		return e
	}
}

// decoder runs a decompressor as a coroutine of the handler: the handler's
// Write hands its bytes to the feed and waits until the decompressor has
// consumed them and asks for more. Only one of the two goroutines runs at
// a time, so the body path and the inner ResponseWriter are never used
// concurrently, and when a Write returns, everything decodable from the
// bytes so far has gone through the body path.
type decoder struct{ feed *feed }

func startDecoder(coding string, dst io.Writer) *decoder {
	fd := &feed{}
	fd.cond = sync.NewCond(&fd.mu)
	go func() { fd.finish(decode(coding, fd, dst)) }()
	return &decoder{feed: fd}
}

func decode(coding string, src io.Reader, dst io.Writer) error {
	var rd io.Reader
	switch coding {
	case "gzip":
		zr, err := gzip.NewReader(src)
		if err == io.EOF {
			return nil // empty body
		}
		if err != nil {
			return decodeErr(err)
		}
		defer zr.Close()
		rd = zr
	case "deflate":
		// RFC 9110 "deflate" is zlib, but some servers send raw deflate:
		// a valid zlib header decides.
		br := bufio.NewReader(src)
		hdr, err := br.Peek(2)
		if len(hdr) == 0 && err == io.EOF {
			return nil
		}
		if len(hdr) == 2 && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return decodeErr(err)
			}
			defer zr.Close()
			rd = zr
		} else {
			fr := flate.NewReader(br)
			defer fr.Close()
			rd = fr
		}
	case "br":
		rd = &brReader{r: brotli.NewReader(src)}
	default: // zstd
		zr, err := zstd.NewReader(src, zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderLowmem(true))
		if err != nil {
			return decodeErr(err)
		}
		defer zr.Close()
		rd = zr
	}
	bp := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(bp)
	buf := *bp
	for {
		n, err := rd.Read(buf)
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return decodeErr(err)
		}
	}
}

// brReader corrects a false "excessive input" from brotli.Reader, which
// otherwise makes the result depend on how the body was chunked.
//
// When a Read from its source ends in the middle of a bit-reader
// transaction, the brotli decoder copies the unread tail into a small
// internal buffer and, on the next call, moves input into it one byte at
// a time until the transaction completes. If the stream's last
// transaction completes that way, the decoder reaches its done state
// with that internal buffer still marked non-empty, and Reader.Read
// reports "excessive input" although every byte belonged to the stream.
// Small writes (one byte each, or any split within the last few bytes of
// the stream) make this likely, since the feed hands each Write to the
// decoder as it comes.
//
// The error cannot be told apart from real trailing input by itself, so
// brReader keeps the output that came with it and asks the Reader once
// more: a Reader at its done state reads its source again only when it
// holds no unread input, and then returns io.EOF if the source ends and
// "excessive input" again if anything follows, so genuine trailing bytes
// still fail closed. The check is deferred to the next Read so that the
// decoded output is written before the decoder waits for the end of the
// body.
type brReader struct {
	r       *brotli.Reader
	confirm bool // the Reader said "excessive input"; check for more input
}

func (b *brReader) Read(p []byte) (int, error) {
	if b.confirm {
		n, err := b.r.Read(p)
		if n > 0 {
			// Output after the end of the stream: nothing sane, refuse.
			return 0, errTrailing
		}
		return 0, err // io.EOF, nil (no input yet), or a real error
	}
	n, err := b.r.Read(p)
	if err != nil && err.Error() == "brotli: excessive input" {
		// The library does not export this error; if its text changes,
		// the comparison fails and so does the body: closed, as before.
		b.confirm = true
		return n, nil
	}
	return n, err
}

// decodeErr keeps the cause's category but not its text: decoder errors
// are generic, but this keeps our errors free of anything from the body.
func decodeErr(err error) error {
	if errors.Is(err, errStopped) {
		return err
	}
	return errDecode
}

// feed hands the handler's compressed bytes to the decoder goroutine.
type feed struct {
	mu      sync.Mutex
	cond    *sync.Cond
	data    []byte // handed over, not yet read
	idle    bool   // the reader waits for more input
	eof     bool   // the handler is done writing
	stopped bool   // the response was abandoned
	done    bool   // the decoder goroutine returned
	err     error  // its error
}

// Read is called by the decoder goroutine.
func (fd *feed) Read(p []byte) (int, error) {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	for len(fd.data) == 0 {
		if fd.stopped {
			return 0, errStopped
		}
		if fd.eof {
			return 0, io.EOF
		}
		fd.idle = true
		fd.cond.Broadcast()
		fd.cond.Wait()
	}
	fd.idle = false
	n := copy(p, fd.data)
	fd.data = fd.data[n:]
	return n, nil
}

func (fd *feed) finish(err error) {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	if err == nil && len(fd.data) > 0 {
		err = errTrailing
	}
	fd.done, fd.err = true, err
	fd.cond.Broadcast()
}

// write hands p over and waits until the decoder has consumed all of it
// and wants more (or has finished).
func (fd *feed) write(p []byte) error {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	if fd.done {
		if fd.err != nil {
			return fd.err
		}
		if len(p) > 0 {
			return errTrailing
		}
		return nil
	}
	fd.data, fd.idle = p, false
	fd.cond.Broadcast()
	for !fd.done && !(fd.idle && len(fd.data) == 0) {
		fd.cond.Wait()
	}
	fd.data = nil
	if fd.done && fd.err != nil {
		return fd.err
	}
	return nil
}

// close signals the end of the body and waits for the decoder to finish.
func (fd *feed) close() error {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	fd.eof = true
	fd.cond.Broadcast()
	for !fd.done {
		fd.cond.Wait()
	}
	return fd.err
}

// stop abandons the stream and waits for the decoder goroutine to return.
func (fd *feed) stop() {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	fd.stopped = true
	fd.cond.Broadcast()
	for !fd.done {
		fd.cond.Wait()
	}
}
