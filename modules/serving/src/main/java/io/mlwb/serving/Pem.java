package io.mlwb.serving;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files to Java key stores, with the JDK alone: certificates ({@code CERTIFICATE} blocks, a chain leaf first),
 * private keys in PKCS#8 ({@code PRIVATE KEY}, RSA, EC or Ed25519) and RSA keys in PKCS#1 ({@code RSA PRIVATE KEY},
 * wrapped into PKCS#8 here). Encrypted keys are refused with the command that decrypts them.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    /** The password of the in-memory key stores (never stored anywhere). */
    static final char[] PASSWORD = "mlwb-in-memory".toCharArray();

    private Pem() {
    }

    /**
     * @param certFile the certificate chain, leaf first
     * @param keyFile  the private key
     * @return a key store holding the key under alias {@code server}
     * @throws UserError naming the file that cannot be used
     */
    public static KeyStore keyStore(Path certFile, Path keyFile) {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            if (!matches(key, chain.get(0))) {
                throw new GeneralSecurityException("the key does not sign for the certificate's public key");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, PASSWORD, chain.toArray(Certificate[]::new));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new UserError("The key in " + keyFile + " does not match the certificate in " + certFile + ": "
                    + e.getMessage(), "Give the key that belongs to the certificate.", ExitCode.BAD_INPUT, e);
        }
    }

    /** Signs a few bytes with the key and verifies them with the certificate: a key that belongs to it passes. */
    private static boolean matches(PrivateKey key, Certificate cert) throws GeneralSecurityException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, EdDSA
        };
        byte[] probe = "mlwb key check".getBytes(StandardCharsets.US_ASCII);
        java.security.Signature signer = java.security.Signature.getInstance(alg);
        signer.initSign(key);
        signer.update(probe);
        byte[] sig = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance(alg);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(probe);
        return verifier.verify(sig);
    }

    /**
     * @param caFile one or more CA certificates
     * @return a trust store of them
     * @throws UserError naming the file when it holds no certificate
     */
    public static KeyStore trustStore(Path caFile) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caFile)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("an empty PKCS12 store always loads", e);
        }
    }

    /**
     * @param file a PEM file of certificates
     * @return them, in file order
     * @throws UserError when the file is unreadable or holds none
     */
    public static List<Certificate> certificates(Path file) {
        String text = read(file);
        List<Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    out.add(cf.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UserError(file + " holds a certificate that cannot be read: " + e.getMessage(),
                    "Give a PEM certificate (-----BEGIN CERTIFICATE-----).", ExitCode.BAD_INPUT, e);
        }
        if (out.isEmpty()) {
            throw new UserError(file + " holds no PEM certificate.",
                    "Give a PEM certificate (-----BEGIN CERTIFICATE-----).", ExitCode.BAD_INPUT, null);
        }
        return out;
    }

    /**
     * @param file a PEM private key
     * @return the key
     * @throws UserError when the file holds no usable key
     */
    public static PrivateKey privateKey(Path file) {
        String text = read(file);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY" -> {
                    for (String alg : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
                        try {
                            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                        } catch (GeneralSecurityException e) {
                            // try the next algorithm
                        }
                    }
                    throw badKey(file, "its PKCS#8 key is not RSA, EC or Ed25519");
                }
                case "RSA PRIVATE KEY" -> {
                    try {
                        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
                    } catch (GeneralSecurityException e) {
                        throw badKey(file, e.getMessage());
                    }
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new UserError(file + " holds an encrypted private key.",
                        "Decrypt it for the server: openssl pkcs8 -in " + file + " -out key.pem -nocrypt",
                        ExitCode.BAD_INPUT, null);
                case "EC PRIVATE KEY" -> throw new UserError(file + " holds an EC key in SEC1 form.",
                        "Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem",
                        ExitCode.BAD_INPUT, null);
                default -> {
                    // certificates or parameters in the same file: skip
                }
            }
        }
        throw badKey(file, "it holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static UserError badKey(Path file, String why) {
        return new UserError("Cannot use the private key in " + file + ": " + why + ".",
                "Give an unencrypted PKCS#8 or PKCS#1 RSA PEM key.", ExitCode.BAD_INPUT, null);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL params). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octet.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octet, 0, body, version.length + algorithm.length, octet.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len;
        if (n < 0x80) {
            len = new byte[] {(byte) n};
        } else if (n < 0x100) {
            len = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            len = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            len = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage(), "Check the path.",
                    ExitCode.BAD_INPUT, e);
        }
    }
}
