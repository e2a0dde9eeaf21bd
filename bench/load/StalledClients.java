import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hostile clients for the receiver benchmark: N TCP connections to 127.0.0.1:PORT held open
 * without ever finishing a request, from one thread (a non-blocking NIO selector loop).
 * Uses only the JDK.
 *
 *   java StalledClients.java PORT N [--key K] [--trickle] [--seconds S] [--max-reconnects R]
 *                                   [--ready-file FILE] [--host 127.0.0.1]
 *
 * Kinds, alternating (so about half each):
 *   body    : a complete "POST /1.0/events?customerKey=K" request line and headers with
 *             Content-Length: 100000, then no body (with --trickle: one body byte a second);
 *   headers : the request line and part of a header, then nothing (slowloris; with --trickle:
 *             one more header byte a second, completing a new "X-Slow-n: x" line every few).
 * A connection the server closes (end of stream, reset, failed write) is counted and opened
 * again, up to --max-reconnects in all (default 10 x N), after 100 ms, so the pressure stays on.
 * When all N first connections are open it prints "open N" on stdout and, with --ready-file,
 * writes that line to FILE. Runs until SIGTERM / Ctrl-C or --seconds (default 600), then
 * prints one summary line: opened, still open, closed by server, reconnects, failed connects
 * and the status lines of any responses the server sent.
 * It refuses any host but 127.0.0.1: this is a load tool for a local receiver only.
 */
public class StalledClients {
    static final int MAX_CONNECTIONS = 5000;
    static final int MAX_PENDING_CONNECTS = 64;  // the server's accept backlog is 64
    static final long RECONNECT_DELAY_NS = 100_000_000L;
    static final long TRICKLE_NS = 1_000_000_000L;

    static final class Conn {
        final int index;
        final boolean bodyKind;
        SocketChannel ch;
        ByteBuffer pending;     // what is still to be written of the initial bytes
        boolean open;           // connected and the initial bytes written
        boolean everOpened;
        long nextTrickle;
        int trickled;
        StringBuilder response = new StringBuilder();

        Conn(int index, boolean bodyKind) {
            this.index = index;
            this.bodyKind = bodyKind;
        }
    }

    // Counters, read by the shutdown hook's thread only after the loop has stopped.
    static volatile boolean stop;
    static long opened, closedByServer, reconnects, failedConnects;
    static int stillOpen;
    static final Map<String, Integer> responses = new TreeMap<>();

    public static void main(String[] a) throws Exception {
        if (a.length < 2) {
            System.err.println("usage: java StalledClients.java PORT N [--key K] [--trickle] [--seconds S] [--max-reconnects R] [--ready-file FILE]");
            System.exit(2);
        }
        int port = Integer.parseInt(a[0]);
        int n = Integer.parseInt(a[1]);
        String key = "stalled";
        boolean trickle = false;
        long seconds = 600;
        long maxReconnects = -1;
        Path readyFile = null;
        String host = "127.0.0.1";
        for (int i = 2; i < a.length; i++) {
            switch (a[i]) {
                case "--key" -> key = a[++i];
                case "--trickle" -> trickle = true;
                case "--seconds" -> seconds = Long.parseLong(a[++i]);
                case "--max-reconnects" -> maxReconnects = Long.parseLong(a[++i]);
                case "--ready-file" -> readyFile = Path.of(a[++i]);
                case "--host" -> host = a[++i];
                default -> {
                    System.err.println("StalledClients: unknown argument " + a[i]);
                    System.exit(2);
                }
            }
        }
        if (!host.equals("127.0.0.1")) {
            System.err.println("StalledClients: refusing host " + host + ": only 127.0.0.1 is allowed");
            System.exit(2);
        }
        if (n < 1 || n > MAX_CONNECTIONS || port < 1 || port > 65535 || seconds < 1 || seconds > 3600) {
            System.err.println("StalledClients: need 1 <= N <= " + MAX_CONNECTIONS + ", a port, and 1 <= --seconds <= 3600");
            System.exit(2);
        }
        if (maxReconnects < 0) {
            maxReconnects = 10L * n;
        }
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        byte[] bodyHead = ("POST /1.0/events?customerKey=" + key + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] partialHead = ("POST /1.0/events?customerKey=" + key + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nX-Slow-0: ").getBytes(StandardCharsets.US_ASCII);

        Thread main = Thread.currentThread();
        PrintStream out = System.out;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop = true;
            try {
                main.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        Selector selector = Selector.open();
        Conn[] conns = new Conn[n];
        ArrayDeque<Conn> toConnect = new ArrayDeque<>();
        ArrayDeque<long[]> delayed = new ArrayDeque<>();  // {deadline, index}: reconnects waiting out the delay
        for (int i = 0; i < n; i++) {
            conns[i] = new Conn(i, i % 2 == 0);
            toConnect.add(conns[i]);
        }
        int pendingConnects = 0;
        int firstOpened = 0;
        boolean announced = false;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long lastRetryReport = 0;
        while (!stop && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            while (!delayed.isEmpty() && delayed.peekFirst()[0] <= now) {
                toConnect.add(conns[(int) delayed.pollFirst()[1]]);
            }
            while (pendingConnects < MAX_PENDING_CONNECTS && !toConnect.isEmpty()) {
                Conn c = toConnect.poll();
                try {
                    c.ch = SocketChannel.open();
                    c.ch.configureBlocking(false);
                    c.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.pending = ByteBuffer.wrap(c.bodyKind ? bodyHead : partialHead);
                    c.trickled = 0;
                    c.response.setLength(0);
                    pendingConnects++;
                    if (c.ch.connect(target)) {
                        pendingConnects--;
                        c.ch.register(selector, SelectionKey.OP_WRITE | SelectionKey.OP_READ, c);
                    } else {
                        c.ch.register(selector, SelectionKey.OP_CONNECT, c);
                    }
                } catch (IOException e) {
                    pendingConnects--;
                    failedConnects++;
                    closeQuietly(c);
                    delayed.add(new long[] {now + RECONNECT_DELAY_NS, c.index});
                }
            }
            selector.select(200);
            now = System.nanoTime();
            for (SelectionKey k : selector.selectedKeys()) {
                Conn c = (Conn) k.attachment();
                try {
                    if (k.isValid() && k.isConnectable()) {
                        pendingConnects--;
                        c.ch.finishConnect();
                        k.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
                        continue;
                    }
                    if (k.isValid() && k.isWritable()) {
                        c.ch.write(c.pending);
                        if (!c.pending.hasRemaining()) {
                            k.interestOps(SelectionKey.OP_READ);
                            if (!c.open) {
                                c.open = true;
                                opened++;
                                stillOpen++;
                                c.nextTrickle = now + TRICKLE_NS;
                                if (!c.everOpened) {
                                    c.everOpened = true;
                                    firstOpened++;
                                }
                            }
                        }
                    }
                    if (k.isValid() && k.isReadable()) {
                        ByteBuffer buf = ByteBuffer.allocate(4096);
                        int r = c.ch.read(buf);
                        if (r < 0) {
                            throw new IOException("end of stream");
                        }
                        if (c.response.length() < 64) {
                            c.response.append(new String(buf.array(), 0, r, StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (IOException e) {
                    if (!c.open && c.pending.position() == 0) {
                        // refused or reset before the first byte went out
                        failedConnects++;
                    } else {
                        closedByServer++;
                    }
                    lost(c, k);
                    if (reconnects < maxReconnects) {
                        reconnects++;
                        delayed.add(new long[] {now + RECONNECT_DELAY_NS, c.index});
                    }
                }
            }
            selector.selectedKeys().clear();
            if (!announced && firstOpened >= n) {
                announced = true;
                String line = "open " + n;
                out.println(line);
                out.flush();
                if (readyFile != null) {
                    Files.writeString(readyFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
                }
            }
            if (!announced && now - lastRetryReport > 5_000_000_000L) {
                lastRetryReport = now;
                out.println("opening: " + firstOpened + " of " + n);
                out.flush();
            }
            if (trickle) {
                for (Conn c : conns) {
                    if (c.open && c.ch != null && now >= c.nextTrickle) {
                        c.nextTrickle = now + TRICKLE_NS;
                        byte b;
                        if (c.bodyKind) {
                            b = (byte) (c.trickled == 0 ? '[' : ' ');
                        } else {
                            // "x\r\nX-Slow-1: x\r\nX-Slow-2: ..." one byte at a time
                            b = slowHeaderByte(c.trickled);
                        }
                        c.trickled++;
                        try {
                            c.ch.write(ByteBuffer.wrap(new byte[] {b}));
                        } catch (IOException e) {
                            closedByServer++;
                            lost(c, c.ch.keyFor(selector));
                            if (reconnects < maxReconnects) {
                                reconnects++;
                                delayed.add(new long[] {now + RECONNECT_DELAY_NS, c.index});
                            }
                        }
                    }
                }
            }
        }
        // one last look, without waiting, for closes that already happened
        selector.selectNow();
        for (SelectionKey k : selector.selectedKeys()) {
            Conn c = (Conn) k.attachment();
            if (c.open && k.isValid() && k.isReadable()) {
                try {
                    if (c.ch.read(ByteBuffer.allocate(4096)) < 0) {
                        closedByServer++;
                        lost(c, k);
                    }
                } catch (IOException e) {
                    closedByServer++;
                    lost(c, k);
                }
            }
        }
        StringBuilder rs = new StringBuilder();
        responses.forEach((s, count) -> rs.append(rs.length() == 0 ? "" : ", ").append(s).append(" x").append(count));
        out.printf("stalled clients (%s%s): opened %d, still open %d, closed by server %d, reconnects %d, failed connects %d; responses: %s%n",
                n + " x " + "body/headers", trickle ? ", trickle" : "", opened, stillOpen, closedByServer, reconnects, failedConnects,
                rs.length() == 0 ? "none" : rs);
        out.flush();
        for (Conn c : conns) {
            closeQuietly(c);
        }
    }

    static byte slowHeaderByte(int i) {
        // after the initial "X-Slow-0: ", cycle through "x\r\nX-Slow-k: " (k one digit, 0-9)
        String unit = "x\r\nX-Slow-" + ((i / 13 + 1) % 10) + ": ";
        return (byte) unit.charAt(i % 13);
    }

    static void lost(Conn c, SelectionKey k) {
        if (c.open) {
            c.open = false;
            stillOpen--;
        }
        String r = c.response.toString();
        if (r.startsWith("HTTP/")) {
            int eol = r.indexOf('\r');
            String status = eol > 0 ? r.substring(0, eol) : r;
            responses.merge(status.length() > 40 ? status.substring(0, 40) : status, 1, Integer::sum);
        }
        if (k != null) {
            k.cancel();
        }
        closeQuietly(c);
    }

    static void closeQuietly(Conn c) {
        try {
            if (c.ch != null) {
                c.ch.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
        c.ch = null;
    }
}
