package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code redis-server} processes for tests, on free 127.0.0.1 ports, with nothing persisted.
 * Without the binary the tests are skipped, except on CI ({@code CI=true}) where they fail.
 */
final class RedisServers implements AutoCloseable {
  static final Path SERVER = Path.of("/usr/bin/redis-server");
  static final Path CLI = Path.of("/usr/bin/redis-cli");

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  private RedisServers(Path dir) {
    this.dir = dir;
  }

  /** Skips the test class (fails it on CI) when Redis is not installed. */
  static void requireRedis() {
    boolean installed = Files.isExecutable(SERVER) && Files.isExecutable(CLI);
    if (!installed && "true".equals(System.getenv("CI"))) {
      fail(SERVER + " or " + CLI + " is missing; .ci/run installs them with apt-get install -y redis-server");
    }
    assumeTrue(installed, SERVER + " is not installed; install it (e.g. apt-get install redis-server) to run the Redis tests");
  }

  /** One standalone server. */
  static RedisServers standalone(Path dir) throws Exception {
    requireRedis();
    RedisServers s = new RedisServers(dir);
    try {
      s.start(List.of());
      s.awaitPing(s.ports.get(0));
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  /** A Redis Cluster of {@code masters} masters and no replicas, every slot assigned, state ok. */
  static RedisServers cluster(Path dir, int masters) throws Exception {
    requireRedis();
    RedisServers s = new RedisServers(dir);
    try {
      for (int i = 0; i < masters; i++) {
        s.start(List.of("--cluster-enabled", "yes",
            "--cluster-config-file", dir.resolve("nodes-" + i + ".conf").toString(),
            "--cluster-node-timeout", "5000"));
      }
      for (int port : s.ports) {
        s.awaitPing(port);
      }
      List<String> create = new ArrayList<>(List.of(CLI.toString(), "--cluster", "create"));
      for (int port : s.ports) {
        create.add("127.0.0.1:" + port);
      }
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      String out = run(create);
      if (!out.contains("[OK] All 16384 slots covered")) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int port : s.ports) {
        while (!run(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "cluster", "info"))
            .contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("cluster not ok on port " + port);
          }
          Thread.sleep(50); // polling another process: there is nothing to wait on
        }
      }
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  List<Integer> ports() {
    return List.copyOf(ports);
  }

  String uri(int i) {
    return "redis://127.0.0.1:" + ports.get(i);
  }

  /** Runs redis-cli against server {@code i}; returns its output. */
  String cli(int i, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", Integer.toString(ports.get(i))));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /** Stops server {@code i} (its port then refuses connections). */
  void kill(int i) throws InterruptedException {
    Process p = processes.get(i);
    p.destroy();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  private void start(List<String> extra) throws IOException {
    int port = freePort();
    Path work = Files.createDirectories(dir.resolve("redis-" + port));
    List<String> cmd = new ArrayList<>(List.of(SERVER.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--daemonize", "no", "--dir", work.toString(), "--logfile", work.resolve("redis.log").toString()));
    cmd.addAll(extra);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("stdout.log").toFile()).start();
    processes.add(p);
    ports.add(port);
  }

  /** A free port whose cluster bus port (+10000) is free too. */
  private static int freePort() throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, lo)) {
        port = s.getLocalPort();
      }
      if (port + 10000 > 65535) {
        continue;
      }
      try (ServerSocket bus = new ServerSocket(port + 10000, 1, lo)) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port pair found");
  }

  private void awaitPing(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        s.setSoTimeout(1000);
        OutputStream out = s.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] buf = new byte[7];
        InputStream in = s.getInputStream();
        int n = in.readNBytes(buf, 0, buf.length);
        if (new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING; see " + dir);
      }
      Thread.sleep(20); // polling another process: there is nothing to wait on
    }
  }

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " did not end");
    }
    return out;
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
