package org.aips.server.blob;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Inputs and results on disk, addressed by SHA-256 so identical uploads are stored once (the
 * seed's MD5 is computed alongside for its columns). All methods block: call them on a worker.
 *
 * <p>Deletion is guarded by a grace period on the file's modification time: storing an existing
 * blob again refreshes it, so a sweep racing with a new upload of the same bytes leaves it alone.
 */
public final class BlobStore {

  private static final Pattern KEY = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}");

  private final Path root;

  public BlobStore(Path root) {
    this.root = root;
  }

  public StoredBlob put(byte[] data) throws IOException {
    String sha256 = hex("SHA-256", data);
    String key = keyOf(sha256);
    Path target = resolve(key);
    if (Files.exists(target)) {
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
    } else {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), sha256, ".part");
      try {
        Files.write(temp, data);
        moveIntoPlace(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return new StoredBlob(key, sha256, hex("MD5", data), data.length);
  }

  /** A temporary file for a blob being received (same file system as the store, so that adopting it is a rename). */
  Path incomingFile(String name) {
    return root.resolve("incoming").resolve(name + ".part");
  }

  /** Moves a received file into the store under its SHA-256 (streamed, never whole in memory); deletes it if the blob exists. */
  public StoredBlob adopt(Path file) throws IOException {
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    long size = 0;
    byte[] chunk = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(chunk)) > 0; size += n) {
        sha256.update(chunk, 0, n);
        md5.update(chunk, 0, n);
      }
    }
    String hash = HexFormat.of().formatHex(sha256.digest());
    String key = keyOf(hash);
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
      Files.delete(file);
    } else {
      moveIntoPlace(file, target);
      Files.deleteIfExists(file);
    }
    return new StoredBlob(key, hash, HexFormat.of().formatHex(md5.digest()), size);
  }

  /** The stored blob of a key, if there is one (its MD5 is not computed: null). */
  public java.util.Optional<StoredBlob> find(String key) throws IOException {
    Path file = resolve(key);
    return Files.isRegularFile(file)
        ? java.util.Optional.of(new StoredBlob(key, key.substring(key.lastIndexOf('/') + 1), null, Files.size(file)))
        : java.util.Optional.empty();
  }

  private static String keyOf(String sha256) {
    return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
  }

  public Path resolve(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a blob key: " + key);
    }
    return root.resolve(key);
  }

  public byte[] read(String key) throws IOException {
    return Files.readAllBytes(resolve(key));
  }

  /** Deletes the blob unless it was (re)stored within {@code grace}; true if it is gone. */
  public boolean deleteUnlessRecent(String key, Duration grace) throws IOException {
    Path file = resolve(key);
    if (!Files.exists(file)) {
      return true;
    }
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    if (modified.isAfter(Instant.now().minus(grace))) {
      return false;
    }
    return Files.deleteIfExists(file) || !Files.exists(file);
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // a concurrent upload of the same bytes won; its file is identical
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String hex(String algorithm, byte[] data) {
    return HexFormat.of().formatHex(digest(algorithm).digest(data));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
