package kring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Linux /proc helpers: RSS, CPU time, socket states, pid by listening port, jcmd GC. */
final class Proc {
    private Proc() { }

    static final long CLK_TCK = 100; // USER_HZ on Linux

    /** VmRSS in KiB, or -1. */
    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) { /* gone */ }
        return -1;
    }

    /** utime+stime of the process in nanoseconds, or -1. */
    static long cpuNanos(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0]=state(3) ... utime is field 14 -> f[11], stime 15 -> f[12]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLK_TCK);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of the process, its live descendants and the PostgreSQL it talks to, or -1. */
    static long cpuNanosTree(long pid) {
        long own = cpuNanos(pid);
        if (own < 0) return -1;
        long sum = own;
        java.util.Set<Long> pids = new java.util.HashSet<>();
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long pg : POSTGRES.computeIfAbsent(pid, Proc::postgresOf)) {
            pids.add(pg);
            ProcessHandle.of(pg).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        }
        pids.remove(pid);
        for (long p : pids) {
            long c = cpuNanos(p);
            if (c > 0) sum += c;
        }
        return sum;
    }

    private static final Map<Long, List<Long>> POSTGRES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The postmaster(s) this process has TCP connections to (Kring's embedded PostgreSQL daemonizes,
     * so it is not a descendant of the JVM): remote ports of the process's sockets whose listener is
     * a process named postgres.
     */
    static List<Long> postgresOf(long pid) {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        java.io.File[] fds = new java.io.File("/proc/" + pid + "/fd").listFiles();
        if (fds == null) return List.of();
        for (java.io.File fd : fds) {
            try {
                String link = Files.readSymbolicLink(fd.toPath()).toString();
                if (link.startsWith("socket:[")) inodes.add(link.substring(8, link.length() - 1));
            } catch (IOException | UnsupportedOperationException e) { /* raced */ }
        }
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String l : Files.readAllLines(Path.of(file))) {
                    String[] f = l.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("01") && inodes.contains(f[9])) {
                        ports.add(Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException e) { /* no ipv6 */ }
        }
        List<Long> out = new java.util.ArrayList<>();
        for (int port : ports) {
            long l = pidListeningOn(port);
            if (l > 0 && l != pid && readComm(l).startsWith("postgres") && !out.contains(l)) out.add(l);
        }
        return out;
    }

    static String readComm(long pid) {
        try { return Files.readString(Path.of("/proc/" + pid + "/comm")).trim(); } catch (IOException e) { return ""; }
    }

    /** The pid owning a LISTEN socket on this TCP port, or -1. */
    static long pidListeningOn(int port) {
        String portHex = String.format(":%04X", port);
        java.util.Set<String> inodes = new java.util.HashSet<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String l : Files.readAllLines(Path.of(file))) {
                    String[] f = l.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(portHex) && f[3].equals("0A")) inodes.add(f[9]);
                }
            } catch (IOException e) { /* no ipv6 */ }
        }
        if (inodes.isEmpty()) return -1;
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs == null) return -1;
        for (java.io.File p : procs) {
            java.io.File[] fds = new java.io.File(p, "fd").listFiles();
            if (fds == null) continue;
            for (java.io.File fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd.toPath()).toString();
                    if (link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1))) {
                        return Long.parseLong(p.getName());
                    }
                } catch (IOException | UnsupportedOperationException e) { /* raced */ }
            }
        }
        return -1;
    }

    /** "IIIIIIII:PPPP" as /proc/net/tcp writes an IPv4 address (little-endian hex) and port. */
    static String procKey(String ipv4, int port) {
        String[] o = ipv4.split("\\.");
        return String.format("%02X%02X%02X%02X:%04X", Integer.parseInt(o[3]), Integer.parseInt(o[2]),
                Integer.parseInt(o[1]), Integer.parseInt(o[0]), port);
    }

    private static String norm(String addr) {
        int c = addr.indexOf(':');
        String ip = addr.substring(0, c);
        if (ip.length() == 32) ip = ip.substring(24); // IPv4-mapped IPv6
        return ip + addr.substring(c);
    }

    /** For server-side sockets (local port = serverPort): remote key -> {state, txQueueBytes}. */
    static Map<String, long[]> serverSideSockets(int serverPort) {
        Map<String, long[]> out = new HashMap<>();
        String portHex = String.format(":%04X", serverPort);
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file));
                for (int i = 1; i < lines.size(); i++) {
                    String[] f = lines.get(i).trim().split("\\s+");
                    if (f.length < 5 || !f[1].endsWith(portHex)) continue;
                    long state = Long.parseLong(f[3], 16);
                    if (state == 0x0A) continue;
                    long tx = Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
                    out.put(norm(f[2]), new long[] {state, tx});
                }
            } catch (IOException e) { /* no ipv6 */ }
        }
        return out;
    }

    static String jcmdFor(long pid) {
        try {
            Path exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe"));
            Path jcmd = exe.resolveSibling("jcmd");
            if (Files.isExecutable(jcmd)) return jcmd.toString();
        } catch (IOException e) { /* fall through */ }
        return "jcmd";
    }

    static String run(List<String> cmd, long timeoutSec) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(timeoutSec, TimeUnit.SECONDS);
            return new String(out);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    // Serial/Parallel: one "... generation total NK, used NK" line per generation; G1: "garbage-first heap total NK, used NK"
    private static final Pattern USED = Pattern.compile("(?m)^\\s*\\S.*?(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

    /** Full GC in the target JVM (jcmd GC.run), then heap used in KiB (jcmd GC.heap_info), or -1. */
    static long heapAfterGcKb(long pid) {
        String jcmd = jcmdFor(pid);
        run(List.of(jcmd, String.valueOf(pid), "GC.run"), 60);
        String info = run(List.of(jcmd, String.valueOf(pid), "GC.heap_info"), 60);
        Matcher m = USED.matcher(info);
        long sum = 0;
        boolean any = false;
        while (m.find()) { sum += Long.parseLong(m.group(1)); any = true; }
        return any ? sum : -1;
    }
}
