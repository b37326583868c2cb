package io.kring.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Makes the embedded server private (issue 10, finding 6): only a client that knows the password kept
 * in the data directory (mode 0600) can log in, with SCRAM, over the loopback; there is no Unix socket.
 *
 * <p>zonky always runs {@code initdb -A trust}, and data directories of Kring versions before this one
 * were made that way. Before every start, while the server is down, {@link #secure} checks
 * {@code pg_hba.conf}: unless it is Kring's own, the superuser's password is set in single-user mode
 * (no server listens meanwhile, so there is no moment at which anyone is trusted) and only then is
 * {@code pg_hba.conf} replaced.
 */
final class PrivateAccess {

    private static final Logger LOG = Logger.getLogger(PrivateAccess.class);

    /** The password of {@link EmbeddedDb#USER}, in the PostgreSQL data directory. */
    static final String PASSWORD_FILE = "kring-password";

    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** The whole of pg_hba.conf: nothing but a SCRAM login of Kring's user over IPv4 loopback. */
    static final String HBA = """
            # Written by Kring at every start of its embedded PostgreSQL; edits are replaced.
            # Only Kring's user, with the password in kring-password, over the loopback; no Unix socket.
            host    all    %s    127.0.0.1/32    scram-sha-256
            """.formatted(EmbeddedDb.USER);

    private PrivateAccess() {
    }

    /**
     * Makes {@code dataDir} (an initialised, stopped cluster) private with {@code password}, which is
     * kept in {@code <dataDir>/kring-password}. {@code binariesDir} is where zonky extracted the
     * binaries, for the single-user run. Each step is safe to repeat after a crash.
     */
    static void secure(Path dataDir, Path binariesDir, String password) {
        try {
            if (!storedPassword(dataDir).orElse("").equals(password)) {
                writePrivately(dataDir.resolve(PASSWORD_FILE), password + "\n");
            }
            Files.setPosixFilePermissions(dataDir.resolve(PASSWORD_FILE), OWNER_READ_WRITE);
            Path hba = dataDir.resolve("pg_hba.conf");
            if (!HBA.equals(readOrEmpty(hba))) {
                LOG.infof("Securing the embedded PostgreSQL in %s: password authentication, loopback only", dataDir);
                setPassword(dataDir, binariesDir, password);
                writePrivately(hba, HBA);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not secure the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The password kept in {@code <dataDir>/kring-password}, if there is one. */
    static Optional<String> storedPassword(Path dataDir) throws IOException {
        String stored = readOrEmpty(dataDir.resolve(PASSWORD_FILE)).trim();
        return stored.isEmpty() ? Optional.empty() : Optional.of(stored);
    }

    /** 32 random bytes. */
    static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Written to a 0600 file beside it, then moved in place: never readable by others, never half written. */
    static void writePrivately(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
    }

    private static String readOrEmpty(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /**
     * {@code ALTER ROLE ... PASSWORD} in PostgreSQL's single-user mode: the password goes through the
     * process' standard input, never its command line, and is stored as a SCRAM verifier.
     */
    private static void setPassword(Path dataDir, Path binariesDir, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.add(postgresBinary(binariesDir).toString());
        command.addAll(List.of("--single", "-D", dataDir.toString(), "-c", "password_encryption=scram-sha-256",
                EmbeddedDb.DATABASE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("ALTER ROLE " + EmbeddedDb.USER + " PASSWORD '" + password + "'\n").getBytes(StandardCharsets.UTF_8));
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL single-user mode did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the password", e);
        }
        if (process.exitValue() != 0 || output.contains("ERROR") || output.contains("FATAL")) {
            throw new IOException("Could not set the embedded PostgreSQL password (exit " + process.exitValue() + "): "
                    + output.replace(password, "***"));
        }
    }

    /**
     * The {@code postgres} binary zonky extracted: zonky keeps it in {@code <binariesDir>/PG-<md5 of the
     * binaries archive>}, so the same digest finds it.
     */
    static Path postgresBinary(Path binariesDir) throws IOException {
        String arch = System.getProperty("os.arch");
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux",
                "amd64".equals(arch) ? "x86_64" : arch);
                DigestInputStream digesting = new DigestInputStream(archive, MessageDigest.getInstance("MD5"))) {
            digesting.transferTo(OutputStream.nullOutputStream());
            String digest = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
            Path binary = binariesDir.resolve("PG-" + digest).resolve("bin").resolve("postgres");
            if (!Files.isExecutable(binary)) {
                throw new IOException("no PostgreSQL binary at " + binary);
            }
            return binary;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The binaries' folder must be Kring's alone (whoever can write there can replace the server):
     * created 0700, refused when another user owns it, and set back to 0700 at every start (zonky
     * itself adds write access for everybody to it).
     */
    static void privateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
        String owner = Files.getOwner(directory).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException("The PostgreSQL binaries folder " + directory + " belongs to " + owner
                    + ", not to " + System.getProperty("user.name") + "; give Kring a folder of its own");
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    }
}
