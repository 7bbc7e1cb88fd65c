package app.earmark.audit;

import app.earmark.base.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key that signs audit checkpoints, kept in a file under the operator's control (never in
 * the database). Generated on first start, owner-only; the public key beside it is all a verifier needs.
 */
@Component
class AuditSigningKey {

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyPem;
    private final String keyId;

    AuditSigningKey(AuditProperties properties) {
        Path keyFile = properties.keyFile().toAbsolutePath().normalize();
        Path publicFile = properties.publicKeyFile().toAbsolutePath().normalize();
        try {
            if (!Files.exists(keyFile)) {
                generate(keyFile, publicFile);
            }
            warnIfReadableByOthers(keyFile);
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            this.privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(readPem(keyFile, "PRIVATE KEY")));
            if (!Files.exists(publicFile)) {
                throw new IllegalStateException("The audit signing key " + keyFile + " has no public key beside it ("
                        + publicFile + "). Restore it from your exported copy, or move both away to start a new key.");
            }
            this.publicKey = keys.generatePublic(new X509EncodedKeySpec(readPem(publicFile, "PUBLIC KEY")));
            this.publicKeyPem = Files.readString(publicFile, StandardCharsets.US_ASCII);
            this.keyId = Hashing.sha256Hex(publicKey.getEncoded()).substring(0, 16);
            byte[] probe = "earmark".getBytes(StandardCharsets.US_ASCII);
            if (!verify(probe, sign(probe))) {
                throw new IllegalStateException("The audit keys " + keyFile + " and " + publicFile + " do not belong together.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit signing key " + keyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit signing key " + keyFile + " is not an Ed25519 key in PEM", e);
        }
        log.info("Audit checkpoints are signed with the key {} (public key {}, id {})", keyFile, publicFile, keyId);
    }

    private static void generate(Path keyFile, Path publicFile) throws IOException, GeneralSecurityException {
        createOwnerOnlyDirectories(keyFile.getParent());
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Files.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        Files.createFile(keyFile, ownerOnly("rw-------"));
        Files.write(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        log.warn("Generated a new audit signing key at {} (owner-only) with its public key at {}. Back up the key, "
                + "and keep it where the database's users cannot write.", keyFile, publicFile);
    }

    /** Creates missing directories readable by the owner only (existing ones are left as they are). */
    static void createOwnerOnlyDirectories(Path directory) throws IOException {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        createOwnerOnlyDirectories(directory.getParent());
        Files.createDirectory(directory, ownerOnly("rwx------"));
    }

    static FileAttribute<?>[] ownerOnly(String permissions) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfReadableByOthers(Path keyFile) throws IOException {
        if (posix()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            permissions.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            if (!permissions.isEmpty()) {
                log.warn("The audit signing key {} can be used by others than its owner ({}); make it owner-only "
                        + "(chmod 600).", keyFile, PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            }
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " holds no " + type + " in PEM form");
        }
        return Base64.getMimeDecoder().decode(text.substring(begin + type.length() + 16, end));
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an audit checkpoint", e);
        }
    }

    boolean verify(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key as PEM (SubjectPublicKeyInfo), as {@code openssl pkeyutl -verify -pubin} reads it. */
    String publicKeyPem() {
        return publicKeyPem;
    }

    /** The first 16 hex digits of the SHA-256 of the public key (DER), written into every checkpoint. */
    String keyId() {
        return keyId;
    }
}
