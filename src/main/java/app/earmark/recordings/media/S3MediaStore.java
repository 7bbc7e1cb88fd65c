package app.earmark.recordings.media;

import app.earmark.base.Hashing;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media store in an S3-compatible bucket ({@code earmark.media-store-type=s3}, settings {@code earmark.s3.*}), with
 * the AWS SDK for Java v2. Every node reading the bucket sees the same media. Keys:
 * <pre>
 * originals/abcd…(sha256)                    the uploaded bytes, written once (multipart for large files)
 * derived/abcd…/current                       the manifest: which publication is current and its files' sizes
 * derived/abcd…/(publication id)/rendition.mp4 …   one publication of what ingest made (and .rendition.mp4.sha256)
 * copies/efgh…/key/ijkl….mp4                  copies made from a derived file (SHA-256 efgh…), named by their hash
 * </pre>
 * An S3 object appears whole or not at all, so an original is visible only once complete. Derived files are published
 * by uploading them under a new publication id and then writing the small manifest last: readers go through the
 * manifest, so they see the complete old set or the complete new one. Uploads in progress, ingest work folders and
 * originals downloaded for the ingest worker stay in a local cache folder ({@code earmark.s3.cache-dir}).
 */
@Component
@ConditionalOnProperty(name = "earmark.media-store-type", havingValue = "s3")
public class S3MediaStore implements MediaStore, SharedFiles, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3MediaStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COPY_NAME = Pattern.compile("([0-9a-f]{64})(\\.[a-z0-9]{1,8})?");
    private static final String MANIFEST = "current";
    private static final String MANIFEST_HEADER = "earmark-derived 1";
    private static final int BUFFER = 1 << 20;

    private final S3Properties properties;
    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String where;
    private final Path incoming;
    private final Path work;
    private final Path cache;
    private final Path downloads;
    /** Sends parts of multipart uploads, {@code earmark.s3.upload-concurrency} at once across the node's uploads. */
    private final ExecutorService partSenders;

    public S3MediaStore(S3Properties properties) {
        if (properties.bucket() == null || properties.bucket().isBlank()) {
            throw new IllegalStateException("earmark.media-store-type=s3 needs earmark.s3.bucket (the bucket that holds"
                    + " the recordings)");
        }
        if ((properties.accessKey() == null) != (properties.secretKey() == null)) {
            throw new IllegalStateException("earmark.s3.access-key and earmark.s3.secret-key go together: set both,"
                    + " or neither to use the SDK's default credentials (environment, instance profile)");
        }
        this.properties = properties;
        this.bucket = properties.bucket();
        this.where = "bucket '" + bucket + "' at "
                + (properties.endpoint() == null ? "AWS " + properties.region() : properties.endpoint().toString());
        Path root = properties.cacheDir().toAbsolutePath().normalize();
        this.incoming = root.resolve("incoming");
        this.work = root.resolve("work");
        this.cache = root.resolve("objects");
        this.downloads = root.resolve("downloads");
        try {
            for (Path dir : new Path[] {incoming, work, cache, downloads}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The media store's local cache " + root + " cannot be created", e);
        }
        AwsCredentialsProvider credentials = properties.accessKey() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(),
                        properties.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(properties.pathStyleAccess())
                // Checksums only where S3 requires them: S3-compatible stores do not all know the newer trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        this.client = builder.build();
        AtomicInteger senders = new AtomicInteger();
        this.partSenders = Executors.newFixedThreadPool(properties.uploadConcurrency(), task -> {
            Thread thread = new Thread(task, "s3-part-" + senders.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        if (properties.streaming() == S3Properties.Streaming.REDIRECT) {
            URI publicEndpoint = properties.publicEndpoint() != null ? properties.publicEndpoint() : properties.endpoint();
            S3Presigner.Builder presign = S3Presigner.builder()
                    .region(Region.of(properties.region()))
                    .credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(properties.pathStyleAccess()).build());
            if (publicEndpoint != null) {
                presign.endpointOverride(publicEndpoint);
            }
            this.presigner = presign.build();
        } else {
            this.presigner = null;
        }
        checkBucket();
    }

    /**
     * At start-up: a bucket that is missing or refuses the credentials stops Earmark with a message saying which; a store
     * that does not answer yet is only logged (media waits for it, everything else works).
     */
    private void checkBucket() {
        try {
            headBucket();
        } catch (IOException failure) {
            if (failure instanceof MediaStoreUnavailableException && !(failure.getCause() instanceof S3Exception)) {
                log.warn("{}; uploads and playback wait for it", failure.getMessage());
                return;
            }
            close();
            throw new IllegalStateException(failure.getMessage(), failure.getCause());
        }
    }

    /** The local cache is writable and the bucket answers (a HEAD request), for health checks. */
    @Override
    public void checkAvailable() throws IOException {
        MediaStore.super.checkAvailable();
        headBucket();
    }

    /** Asks whether the bucket is there and open to Earmark; a failure says which (see {@link #failure}). */
    private void headBucket() throws IOException {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw failure("checking the bucket", e);
        }
    }

    /** Closes the S3 client (and presigner): the store is not used after this. */
    @PreDestroy
    @Override
    public void close() {
        partSenders.shutdownNow();
        client.close();
        if (presigner != null) {
            presigner.close();
        }
    }

    // ---- originals

    @Override
    public boolean putOriginal(Path received, String sha256) throws IOException {
        String key = originalKey(sha256);
        if (exists(key)) {
            Files.deleteIfExists(received);
            return false;
        }
        upload(received, key);
        Files.deleteIfExists(received);
        return true;
    }

    @Override
    public boolean hasOriginal(String sha256) {
        try {
            return exists(originalKey(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Path originalFile(String sha256) throws IOException {
        String key = originalKey(sha256);
        Path file = download(key, "The original " + sha256 + " is not in the media store");
        String hash = sha256Of(file);
        if (!hash.equals(sha256)) {
            Files.deleteIfExists(file);
            throw new IOException("The original " + sha256 + " came back from the object store with the SHA-256 "
                    + hash + ": it is damaged in the bucket or was damaged on the way");
        }
        return file;
    }

    @Override
    public Path incomingDir() {
        return incoming;
    }

    @Override
    public Path newWorkDir() throws IOException {
        return Files.createDirectory(work.resolve(UUID.randomUUID().toString()));
    }

    @Override
    public void clearWork() throws IOException {
        try (Stream<Path> leftovers = Files.list(work)) {
            for (Path dir : leftovers.toList()) {
                FileSystemUtils.deleteRecursively(dir);
            }
        }
    }

    // ---- derived files

    @Override
    public void putDerived(String sha256, Path workDir) throws IOException {
        publishDerived(sha256, workDir);
        FileSystemUtils.deleteRecursively(workDir);
    }

    /**
     * Uploads a folder's files (those with names the store accepts) as a new publication, then writes the manifest that
     * makes it current, then removes what earlier (or interrupted) publications left. The folder stays as it is.
     *
     * @return the keys of the published files by their names
     */
    Map<String, String> publishDerived(String sha256, Path folder) throws IOException {
        String base = derivedPrefix(sha256);
        String publication = UUID.randomUUID().toString();
        Map<String, Long> files = new LinkedHashMap<>();
        try (Stream<Path> listed = Files.list(folder)) {
            for (Path file : listed.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && FILE_NAME.matcher(name).matches()) {
                    files.put(name, Files.size(file));
                }
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : files.keySet()) {
            keys.put(name, base + publication + "/" + name);
            upload(folder.resolve(name), keys.get(name));
        }
        StringBuilder manifest = new StringBuilder(MANIFEST_HEADER + "\npublication " + publication + "\n");
        files.forEach((name, size) -> manifest.append(size).append(' ').append(name).append('\n'));
        putSmall(base + MANIFEST, manifest.toString());
        // What earlier publications (or interrupted ones) left under the hash goes now that no reader is sent there.
        for (S3Object object : list(base)) {
            if (!object.key().equals(base + MANIFEST) && !object.key().startsWith(base + publication + "/")) {
                deleteObject(object.key());
            }
        }
        return keys;
    }

    @Override
    public Optional<Resource> derived(String sha256, String fileName) {
        String base = derivedPrefix(sha256);
        if (!FILE_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        try {
            return manifest(sha256).flatMap(m -> m.entry(fileName)).map(e -> new S3ObjectResource(this,
                    base + e.publication() + "/" + fileName, fileName, e.size(), e.published().toEpochMilli()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String derivedSha256(String sha256, String fileName) throws IOException {
        Optional<String> remembered = rememberedDerivedSha256(sha256, fileName);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        Manifest.Entry entry = derivedEntry(sha256, fileName);
        MessageDigest digest = Hashing.sha256();
        try (InputStream in = openRange(derivedKey(sha256, entry), 0, entry.size() - 1)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        } catch (SdkException e) {
            throw failure("reading " + fileName, e);
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        rememberDerivedSha256(sha256, fileName, hash, entry.stamp());
        return hash;
    }

    @Override
    public Optional<String> rememberedDerivedSha256(String sha256, String fileName) throws IOException {
        Manifest.Entry entry = derivedEntry(sha256, fileName);
        Optional<String> content = getSmall(derivedKey(sha256, entry, "." + fileName + ".sha256"));
        if (content.isPresent()) {
            String[] lines = content.get().split("\n");
            if (lines.length == 2 && SHA256.matcher(lines[0]).matches() && lines[1].equals(entry.stamp())) {
                return Optional.of(lines[0]);
            }
        }
        return Optional.empty();
    }

    @Override
    public String derivedStamp(String sha256, String fileName) throws IOException {
        return derivedEntry(sha256, fileName).stamp();
    }

    @Override
    public void rememberDerivedSha256(String sha256, String fileName, String hash, String stampBeforeRead)
            throws IOException {
        if (!SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 in lower-case hex: " + hash);
        }
        Manifest.Entry entry = derivedEntry(sha256, fileName);
        if (stampBeforeRead.equals(entry.stamp())) {
            putSmall(derivedKey(sha256, entry, "." + fileName + ".sha256"), hash + "\n" + stampBeforeRead + "\n");
        }
    }

    // ---- copies

    @Override
    public StoredCopy putCopy(String sourceSha256, String key, Path file) throws IOException {
        String prefix = copiesPrefix(sourceSha256) + checkedName(key) + "/";
        if (!file.toAbsolutePath().normalize().startsWith(work)) {
            throw new IllegalArgumentException("A copy must be made in a work folder: " + file);
        }
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')).toLowerCase() : "";
        String hash = sha256Of(file);
        String storedName = hash + extension;
        if (!COPY_NAME.matcher(storedName).matches()) {
            throw new IllegalArgumentException("Not a media file name: " + name);
        }
        Optional<StoredCopy> existing = storedCopy(prefix, null);
        if (existing.isPresent()) {
            Files.deleteIfExists(file);
            return existing.get();
        }
        upload(file, prefix + storedName);
        Files.deleteIfExists(file);
        // Two nodes may have stored a copy under the key at once: every reader takes the same one (the first stored),
        // and the other goes.
        StoredCopy kept = storedCopy(prefix, null)
                .orElseThrow(() -> new IOException("The copy " + prefix + storedName + " vanished"));
        if (!kept.sha256().equals(hash)) {
            deleteObject(prefix + storedName);
        }
        return kept;
    }

    @Override
    public Optional<StoredCopy> copy(String sourceSha256, String key) {
        String prefix = copiesPrefix(sourceSha256);
        if (!FILE_NAME.matcher(key).matches()) {
            return Optional.empty();
        }
        try {
            return storedCopy(prefix + key + "/", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<StoredCopy> copyBySha256(String sourceSha256, String copySha256) {
        String prefix = copiesPrefix(sourceSha256);
        if (!SHA256.matcher(copySha256).matches()) {
            return Optional.empty();
        }
        try {
            for (String key : list(prefix).stream().map(o -> o.key().substring(prefix.length()))
                    .filter(rest -> rest.indexOf('/') > 0).map(rest -> rest.substring(0, rest.indexOf('/')))
                    .distinct().toList()) {
                Optional<StoredCopy> found = storedCopy(prefix + key + "/", copySha256);
                if (found.isPresent()) {
                    return found;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** The copy under a key's prefix (the first stored, or the one whose hash is {@code sha256} if not null). */
    private Optional<StoredCopy> storedCopy(String prefix, String sha256) throws IOException {
        return list(prefix).stream()
                .filter(o -> COPY_NAME.matcher(o.key().substring(prefix.length())).matches())
                .sorted(Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key))
                .limit(1)
                .map(o -> {
                    String name = o.key().substring(prefix.length());
                    var matcher = COPY_NAME.matcher(name);
                    matcher.matches();
                    String key = prefix.substring(0, prefix.length() - 1);
                    return new StoredCopy(key.substring(key.lastIndexOf('/') + 1), matcher.group(1), o.size(),
                            new S3ObjectResource(this, o.key(), name, o.size(), o.lastModified().toEpochMilli()));
                })
                .filter(c -> sha256 == null || c.sha256().equals(sha256))
                .findFirst();
    }

    // ---- deletion

    @Override
    public boolean delete(String sha256) throws IOException {
        String original = originalKey(sha256);
        boolean found = false;
        for (S3Object object : list(copiesPrefix(sha256))) {
            deleteObject(object.key());
            found = true;
        }
        String derived = derivedPrefix(sha256);
        List<S3Object> derivedObjects = list(derived);
        if (!derivedObjects.isEmpty()) {
            deleteObject(derived + MANIFEST); // readers stop finding the set before its files go
            for (S3Object object : derivedObjects) {
                deleteObject(object.key());
            }
            found = true;
        }
        if (exists(original)) {
            deleteObject(original);
            found = true;
        }
        for (String prefix : new String[] {original, derived, copiesPrefix(sha256)}) {
            FileSystemUtils.deleteRecursively(cache.resolve(prefix));
        }
        return found;
    }

    // ---- what S3ObjectResource asks

    /** The object's bytes from {@code first} to {@code last} (inclusive). */
    ResponseInputStream<GetObjectResponse> openRange(String key, long first, long last) throws IOException {
        try {
            return client.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + first + "-" + last));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key, null, "no longer in the media store");
        } catch (SdkException e) {
            throw failure("reading " + key, e);
        }
    }

    /** A local copy of an (immutable) object, from the cache or downloaded into it. */
    Path cachedFile(String key, long length) throws IOException {
        Path file = download(key, "The file " + key + " is not in the media store");
        if (Files.size(file) != length) {
            Files.deleteIfExists(file);
            throw new IOException("The file " + key + " came back from the object store with another length");
        }
        return file;
    }

    Optional<URI> presignedUri(String key, String contentType, String contentDisposition) {
        if (presigner == null) {
            return Optional.empty();
        }
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(properties.presignedUrlLifetime())
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(contentType)
                        .responseContentDisposition(contentDisposition)
                        .responseCacheControl("no-store")));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- shared files (upload chunks, live parts, evidence): see SharedFiles

    private static final Pattern SHARED_KEY = Pattern.compile(
            "(incoming|live|evidence)/[A-Za-z0-9._-]{1,128}(/[A-Za-z0-9._-]{1,128}){0,4}");
    private static final Pattern SHARED_PREFIX = Pattern.compile(
            "(incoming|live|evidence)/([A-Za-z0-9._-]{1,128}/){0,4}");

    @Override
    public void put(String key, Path file) throws IOException {
        upload(file, sharedKey(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        String checked = sharedKey(key);
        try {
            return client.getObject(b -> b.bucket(bucket).key(checked));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(checked, null, "not in the media store");
        } catch (SdkException e) {
            throw failure("reading " + checked, e);
        }
    }

    @Override
    public boolean contains(String key) throws IOException {
        return exists(sharedKey(key));
    }

    @Override
    public List<String> keys(String prefix) throws IOException {
        return list(sharedPrefix(prefix)).stream().map(S3Object::key).sorted().toList();
    }

    @Override
    public List<String> keys(String prefix, String after, int max) throws IOException {
        String listed = sharedPrefix(prefix);
        if (after != null && !sharedKey(after).startsWith(listed)) {
            throw new IllegalArgumentException("The key " + after + " is not under " + prefix);
        }
        if (max <= 0) {
            return List.of();
        }
        try {
            return client.listObjectsV2(b -> b.bucket(bucket).prefix(listed).startAfter(after).maxKeys(max))
                    .contents().stream().map(S3Object::key).filter(key -> !key.endsWith("/")).sorted().toList();
        } catch (SdkException e) {
            throw failure("listing " + prefix + " after " + after, e);
        }
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        for (S3Object object : list(sharedPrefix(prefix))) {
            deleteObject(object.key());
        }
    }

    private static String sharedKey(String key) {
        if (key == null || !SHARED_KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Not a key for a shared file: " + key);
        }
        return key;
    }

    private static String sharedPrefix(String prefix) {
        if (prefix == null || !SHARED_PREFIX.matcher(prefix).matches() || prefix.contains("..")) {
            throw new IllegalArgumentException("Not a prefix of shared files (it ends in '/'): " + prefix);
        }
        return prefix;
    }

    // ---- S3 requests

    /**
     * Uploads a file in one request, or, when it is larger than a part, in parts sent several at once (each read from
     * the file as it is sent); the object exists only once every part is in and the upload is completed.
     */
    void upload(Path file, String key) throws IOException {
        long size = Files.size(file);
        long partSize = properties.partSize().toBytes();
        try {
            if (size <= partSize) {
                client.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(file));
                return;
            }
            String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            List<Future<CompletedPart>> sending = new ArrayList<>();
            try {
                for (int number = 1; (long) (number - 1) * partSize < size; number++) {
                    long offset = (number - 1) * partSize;
                    long length = Math.min(partSize, size - offset);
                    int partNumber = number;
                    sending.add(partSenders.submit(() -> CompletedPart.builder().partNumber(partNumber)
                            .eTag(client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                            .partNumber(partNumber).contentLength(length),
                                    RequestBody.fromContentProvider(() -> slice(file, offset, length), length,
                                            "application/octet-stream")).eTag())
                            .build()));
                }
                List<CompletedPart> parts = new ArrayList<>();
                for (Future<CompletedPart> part : sending) {
                    parts.add(sent(part));
                }
                client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (SdkException | UncheckedIOException | InterruptedIOException e) {
                sending.forEach(part -> part.cancel(true));
                try {
                    client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                } catch (SdkException alsoFailed) {
                    e.addSuppressed(alsoFailed); // the store forgets unfinished uploads by its own lifecycle rule
                }
                throw e;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SdkException e) {
            throw failure("storing " + key, e);
        }
    }

    /** A part's answer once it is sent; its failure as it was thrown. */
    private static CompletedPart sent(Future<CompletedPart> part) throws InterruptedIOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending an upload's parts");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code length} bytes of a file from {@code offset}, as a stream (one part of a multipart upload). */
    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            InputStream whole = Channels.newInputStream(channel);
            return new InputStream() {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = whole.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int read = whole.read(buffer, off, (int) Math.min(len, left));
                    if (read > 0) {
                        left -= read;
                    }
                    return read;
                }

                @Override
                public void close() throws IOException {
                    whole.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads an immutable object into the cache (a temporary file, then moved), unless it is there already. */
    private Path download(String key, String missing) throws IOException {
        Path file = cache.resolve(key);
        if (Files.isRegularFile(file)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return file;
        }
        Path partial = downloads.resolve(UUID.randomUUID().toString());
        try {
            client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(partial));
            Files.createDirectories(file.getParent());
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key, null, missing);
        } catch (SdkException e) {
            throw failure("downloading " + key, e);
        } finally {
            Files.deleteIfExists(partial);
        }
        evictBeyond(properties.cacheMaxSize().toBytes(), file);
        return file;
    }

    /** Removes the least recently used cached files until the cache fits (never {@code keep}). */
    private void evictBeyond(long maxBytes, Path keep) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cache)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        long total = 0;
        Map<Path, Long> sizes = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                long size = Files.size(f);
                sizes.put(f, size);
                total += size;
            } catch (NoSuchFileException gone) {
                // evicted by another thread
            }
        }
        if (total <= maxBytes) {
            return;
        }
        List<Path> oldestFirst = new ArrayList<>(sizes.keySet());
        oldestFirst.sort(Comparator.comparing(f -> {
            try {
                return Files.getLastModifiedTime(f);
            } catch (IOException e) {
                return FileTime.fromMillis(0);
            }
        }));
        for (Path f : oldestFirst) {
            if (total <= maxBytes) {
                break;
            }
            if (!f.equals(keep)) {
                Files.deleteIfExists(f);
                total -= sizes.get(f);
            }
        }
    }

    boolean exists(String key) throws IOException {
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)
                    && !"NoSuchBucket".equals(errorCode(e))) {
                return false;
            }
            throw failure("looking for " + key, e);
        } catch (SdkException e) {
            throw failure("looking for " + key, e);
        }
    }

    List<S3Object> list(String prefix) throws IOException {
        try {
            // Keys ending in '/' are folder markers some stores list (S3Proxy's filesystem backend does), not objects.
            return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .filter(o -> !o.key().endsWith("/")).toList();
        } catch (SdkException e) {
            throw failure("listing " + prefix, e);
        }
    }

    private void deleteObject(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("deleting " + key, e);
        }
    }

    private void putSmall(String key, String content) throws IOException {
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"),
                    RequestBody.fromString(content, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw failure("storing " + key, e);
        }
    }

    private Optional<String> getSmall(String key) throws IOException {
        return getSmallWithTime(key).map(ResponseBytes::asUtf8String);
    }

    private Optional<ResponseBytes<GetObjectResponse>> getSmallWithTime(String key) throws IOException {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("reading " + key, e);
        }
    }

    /**
     * What an SDK failure means for the person running Earmark: the store unreachable, the credentials or bucket
     * wrong, or another answer from the store.
     */
    IOException failure(String doing, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = errorCode(s3);
            if (s3.statusCode() == 403) {
                return new MediaStoreUnavailableException("The object store refused Earmark access to " + where + " ("
                        + code + ") while " + doing + ": check earmark.s3.access-key, earmark.s3.secret-key and the"
                        + " bucket's permissions (Earmark needs to list, read, write and delete objects)", e);
            }
            if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)
                    || (s3.statusCode() == 404 && doing.equals("checking the bucket"))) {
                return new MediaStoreUnavailableException("There is no " + where + " (found while " + doing
                        + "): create it (Earmark does not) or correct earmark.s3.bucket", e);
            }
            return new IOException("The object store (" + where + ") answered " + s3.statusCode() + " " + code
                    + " while " + doing + ": " + s3.getMessage(), e);
        }
        return new MediaStoreUnavailableException("The object store (" + where + ") cannot be reached while " + doing
                + " (" + e.getMessage() + "); nothing was changed, try again when it is back", e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "HTTP " + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    // ---- the manifest

    /** The current publication of derived files under a hash. */
    private record Manifest(String publication, Instant published, Map<String, Long> sizes) {

        record Entry(String publication, String name, long size, Instant published) {
            /** Publications are never changed, so the publication id and the size tell one version of a file. */
            String stamp() {
                return size + " " + publication;
            }
        }

        Optional<Entry> entry(String name) {
            Long size = sizes.get(name);
            return size == null ? Optional.empty() : Optional.of(new Entry(publication, name, size, published));
        }
    }

    private Optional<Manifest> manifest(String sha256) throws IOException {
        String key = derivedPrefix(sha256) + MANIFEST;
        Optional<ResponseBytes<GetObjectResponse>> bytes = getSmallWithTime(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = bytes.get().asUtf8String().split("\n");
        if (lines.length < 2 || !lines[0].equals(MANIFEST_HEADER) || !lines[1].startsWith("publication ")) {
            throw new IOException("The manifest " + key + " in the object store is not one Earmark wrote");
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 2; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            sizes.put(lines[i].substring(space + 1), Long.parseLong(lines[i].substring(0, space)));
        }
        Instant published = bytes.get().response().lastModified();
        return Optional.of(new Manifest(lines[1].substring("publication ".length()),
                published == null ? Instant.EPOCH : published, sizes));
    }

    private Manifest.Entry derivedEntry(String sha256, String fileName) throws IOException {
        checkedName(fileName);
        return manifest(sha256).flatMap(m -> m.entry(fileName))
                .orElseThrow(() -> new NoSuchFileException(fileName, null, "no such derived file of " + sha256));
    }

    private String derivedKey(String sha256, Manifest.Entry entry) {
        return derivedKey(sha256, entry, entry.name());
    }

    private String derivedKey(String sha256, Manifest.Entry entry, String name) {
        return derivedPrefix(sha256) + entry.publication() + "/" + name;
    }

    // ---- keys

    static String originalKey(String sha256) {
        return "originals/" + checkedSha(sha256);
    }

    static String derivedPrefix(String sha256) {
        return "derived/" + checkedSha(sha256) + "/";
    }

    static String copiesPrefix(String sha256) {
        return "copies/" + checkedSha(sha256) + "/";
    }

    private static String checkedSha(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return sha256;
    }

    private static String checkedName(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a file name the media store accepts: " + name);
        }
        return name;
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
