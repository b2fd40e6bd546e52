package dev.islet.graal.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * The cryptographic primitives behind the guest's {@code crypto.subtle} (js/lib/subtle.js), on the
 * JDK's providers. The guest does all of the Web Crypto API's algorithm normalisation, parameter and
 * usage checks and JWK handling; this class only computes.
 *
 * <p><b>Stateless by design.</b> Key material lives in the guest: a secret key as its raw bytes, an
 * asymmetric key as its DER encoding (SubjectPublicKeyInfo or PKCS #8), held in the CryptoKey's
 * private state and passed in with every operation. Nothing is kept here between calls, so nothing
 * can leak between tenants, and a key dies with the tenant's heap.
 *
 * <p>Results are byte buffers (copied into the guest by the prelude), booleans, or proxy arrays of
 * those and strings. A failure is the DOMException name the guest should reject with (a String at the
 * top level, which no success ever is); no Java exception or its text reaches the guest.
 *
 * <p>Work per call is bounded by the size of its inputs, except PBKDF2, which the guest drives in
 * chunks of iterations so the CPU watchdog can stop a runaway between calls, and RSA key generation,
 * whose modulus size the guest caps.
 */
final class SubtleCryptoHost {
  private SubtleCryptoHost() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A failure with the DOMException name to report. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String name) {
      super(name, null, false, false);
    }
  }

  private static Failure data() {
    return new Failure("DataError");
  }

  private static Failure operation() {
    return new Failure("OperationError");
  }

  /** Entry point: {@code (op, args...)}. */
  static Object call(Value... a) {
    try {
      switch (a[0].asString()) {
        case "digest":
          return buffer(MessageDigest.getInstance(a[1].asString()).digest(bytes(a[2])));
        case "hmac":
          return buffer(hmac(a[1].asString(), bytes(a[2]), bytes(a[3])));
        case "aes":
          return buffer(aes(a[1].asString(), a[2].asBoolean(), bytes(a[3]), bytes(a[4]), bytes(a[5]),
              bytes(a[6]), a[7].isNull() ? 0 : a[7].asInt()));
        case "generate":
          return generate(a[1].asString(), a[2], a[3]);
        case "sign":
          return buffer(sign(a[1].asString(), a[2].asString(), bytes(a[3]), bytes(a[4]), a[5].isNull() ? 0 : a[5].asInt()));
        case "verify":
          return verify(a[1].asString(), a[2].asString(), bytes(a[3]), bytes(a[4]), bytes(a[5]),
              a[6].isNull() ? 0 : a[6].asInt());
        case "oaep":
          return buffer(oaep(a[1].asBoolean(), a[2].asString(), bytes(a[3]), bytes(a[4]), bytes(a[5])));
        case "agree":
          return buffer(agree(a[1].asString(), bytes(a[2]), bytes(a[3])));
        case "pbkdf2":
          return pbkdf2(a[1].asString(), bytes(a[2]), bytes(a[3]), a[4].asInt(), bytes(a[5]), bytes(a[6]), a[7].asInt());
        case "hkdf":
          return buffer(hkdf(a[1].asString(), bytes(a[2]), bytes(a[3]), bytes(a[4]), a[5].asInt()));
        case "parse":
          return parse(a[1].asString(), a[2].asString(), bytes(a[3]));
        case "build": {
          byte[][] parts = new byte[a.length - 3][];
          for (int i = 3; i < a.length; i++) {
            parts[i - 3] = bytes(a[i]);
          }
          return build(a[1].asString(), a[2].isNull() ? null : a[2].asString(), parts);
        }
        default:
          return "NotSupportedError";
      }
    } catch (Failure f) {
      return f.getMessage();
    } catch (GeneralSecurityException | RuntimeException e) {
      // Bad input the providers refused (a wrong tag, bad padding, a malformed key...).
      Log.LOGGER.log(System.Logger.Level.DEBUG, "crypto.subtle operation failed", e);
      return "OperationError";
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** The bytes of a guest ArrayBuffer (copied), or null for null/undefined. */
  private static byte[] bytes(Value v) {
    if (v == null || v.isNull()) {
      return null;
    }
    byte[] out = new byte[Math.toIntExact(v.getBufferSize())];
    v.readBuffer(0, out, 0, out.length);
    return out;
  }

  private static ByteBuffer buffer(byte[] b) {
    return ByteBuffer.wrap(b);
  }

  private static ProxyArray array(Object... items) {
    return ProxyArray.fromArray(items);
  }

  private static final Map<String, String> JCA_HASH =
      Map.of("SHA-1", "SHA1", "SHA-256", "SHA256", "SHA-384", "SHA384", "SHA-512", "SHA512");

  private static String jca(String hash) {
    String h = JCA_HASH.get(hash);
    if (h == null) {
      throw new Failure("NotSupportedError");
    }
    return h;
  }

  /**
   * A MAC keyed with {@code key}. An empty key is the same HMAC key as a single zero byte (keys are
   * zero-padded to the block size), which SecretKeySpec, unlike HMAC, accepts.
   */
  private static Mac mac(String hash, byte[] key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("Hmac" + jca(hash));
    mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
    return mac;
  }

  private static byte[] hmac(String hash, byte[] key, byte[] data) throws GeneralSecurityException {
    return mac(hash, key).doFinal(data);
  }

  // ---- AES ----------------------------------------------------------------------------------

  private static byte[] aes(String mode, boolean encrypt, byte[] key, byte[] iv, byte[] data, byte[] aad, int param)
      throws GeneralSecurityException {
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    int op = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    switch (mode) {
      case "CBC": {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(op, k, new IvParameterSpec(iv));
        return c.doFinal(data);
      }
      case "GCM":
        return gcm(encrypt, k, iv, data, aad, param);
      case "CTR":
        return ctr(k, iv, data, param);
      case "KW":
        return encrypt ? kwWrap(k, data) : kwUnwrap(k, data);
      default:
        throw new Failure("NotSupportedError");
    }
  }

  private static byte[] gcmEncrypt(SecretKeySpec k, byte[] iv, byte[] data, byte[] aad) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, iv));
    if (aad != null) {
      c.updateAAD(aad);
    }
    return c.doFinal(data);
  }

  /**
   * AES-GCM with any of the spec's tag lengths. The JDK supports tags of 96..128 bits only; shorter
   * tags are the leading bits of the full tag, so they are computed from a full-tag encryption
   * (decrypting through the keystream, which is the encryption of zeros under the same IV).
   */
  private static byte[] gcm(boolean encrypt, SecretKeySpec k, byte[] iv, byte[] data, byte[] aad, int tagBits)
      throws GeneralSecurityException {
    int tagBytes = tagBits / 8;
    if (encrypt) {
      byte[] full = gcmEncrypt(k, iv, data, aad);
      return tagBits == 128 ? full : Arrays.copyOf(full, data.length + tagBytes);
    }
    if (data.length < tagBytes) {
      throw operation();
    }
    if (tagBits >= 96) {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(tagBits, iv));
      if (aad != null) {
        c.updateAAD(aad);
      }
      try {
        return c.doFinal(data);
      } catch (GeneralSecurityException e) {
        throw operation();
      }
    }
    int n = data.length - tagBytes;
    byte[] stream = gcmEncrypt(k, iv, new byte[n], null);
    byte[] plain = new byte[n];
    for (int i = 0; i < n; i++) {
      plain[i] = (byte) (data[i] ^ stream[i]);
    }
    byte[] full = gcmEncrypt(k, iv, plain, aad);
    if (!MessageDigest.isEqual(Arrays.copyOfRange(full, n, n + tagBytes), Arrays.copyOfRange(data, n, n + tagBytes))) {
      throw operation();
    }
    return plain;
  }

  /**
   * AES-CTR as the Web Crypto API defines it: only the rightmost {@code length} bits of the counter
   * block count (and wrap around); the rest is a fixed nonce. Refuses to reuse a counter value.
   */
  private static byte[] ctr(SecretKeySpec k, byte[] counter, byte[] data, int length) throws GeneralSecurityException {
    long blocks = (data.length + 15L) / 16;
    if (length < 63 && blocks > (1L << length)) {
      throw operation();
    }
    BigInteger modulus = BigInteger.ONE.shiftLeft(length);
    BigInteger start = new BigInteger(1, counter).mod(modulus);
    BigInteger fixed = new BigInteger(1, counter).subtract(start);
    byte[] input = new byte[Math.toIntExact(blocks * 16)];
    for (int b = 0; b < blocks; b++) {
      BigInteger value = fixed.add(start.add(BigInteger.valueOf(b)).mod(modulus));
      byte[] v = value.toByteArray();
      int copy = Math.min(v.length, 16);
      System.arraycopy(v, v.length - copy, input, b * 16 + 16 - copy, copy);
    }
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, k);
    byte[] stream = c.doFinal(input);
    byte[] out = new byte[data.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (data[i] ^ stream[i]);
    }
    return out;
  }

  private static final byte[] KW_IV = HexFormat.of().parseHex("a6a6a6a6a6a6a6a6");

  /** AES Key Wrap, RFC 3394 section 2.2.1. */
  private static byte[] kwWrap(SecretKeySpec k, byte[] plain) throws GeneralSecurityException {
    if (plain.length % 8 != 0 || plain.length < 16) {
      throw operation();
    }
    int n = plain.length / 8;
    byte[] a = KW_IV.clone();
    byte[] r = plain.clone();
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, k);
    byte[] block = new byte[16];
    for (int j = 0; j <= 5; j++) {
      for (int i = 1; i <= n; i++) {
        System.arraycopy(a, 0, block, 0, 8);
        System.arraycopy(r, (i - 1) * 8, block, 8, 8);
        byte[] b = c.doFinal(block);
        long t = (long) n * j + i;
        System.arraycopy(b, 0, a, 0, 8);
        for (int x = 0; x < 8; x++) {
          a[7 - x] ^= (byte) (t >>> (8 * x));
        }
        System.arraycopy(b, 8, r, (i - 1) * 8, 8);
      }
    }
    byte[] out = new byte[plain.length + 8];
    System.arraycopy(a, 0, out, 0, 8);
    System.arraycopy(r, 0, out, 8, r.length);
    return out;
  }

  /** AES Key Unwrap, RFC 3394 section 2.2.2, with its integrity check. */
  private static byte[] kwUnwrap(SecretKeySpec k, byte[] wrapped) throws GeneralSecurityException {
    if (wrapped.length % 8 != 0 || wrapped.length < 24) {
      throw operation();
    }
    int n = wrapped.length / 8 - 1;
    byte[] a = Arrays.copyOf(wrapped, 8);
    byte[] r = Arrays.copyOfRange(wrapped, 8, wrapped.length);
    Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
    c.init(Cipher.DECRYPT_MODE, k);
    byte[] block = new byte[16];
    for (int j = 5; j >= 0; j--) {
      for (int i = n; i >= 1; i--) {
        long t = (long) n * j + i;
        System.arraycopy(a, 0, block, 0, 8);
        for (int x = 0; x < 8; x++) {
          block[7 - x] ^= (byte) (t >>> (8 * x));
        }
        System.arraycopy(r, (i - 1) * 8, block, 8, 8);
        byte[] b = c.doFinal(block);
        System.arraycopy(b, 0, a, 0, 8);
        System.arraycopy(b, 8, r, (i - 1) * 8, 8);
      }
    }
    if (!MessageDigest.isEqual(a, KW_IV)) {
      throw operation();
    }
    return r;
  }

  // ---- key generation -----------------------------------------------------------------------

  /** [spki, pkcs8] of a new key pair. */
  private static ProxyArray generate(String kind, Value p1, Value p2) throws GeneralSecurityException {
    KeyPairGenerator g;
    switch (kind) {
      case "RSA": {
        g = KeyPairGenerator.getInstance("RSA");
        BigInteger e = new BigInteger(1, bytes(p2));
        if (e.bitLength() < 2 || !e.testBit(0)) {
          throw operation();
        }
        g.initialize(new RSAKeyGenParameterSpec(p1.asInt(), e), RANDOM);
        break;
      }
      case "EC":
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve(p1.asString()).oid), RANDOM);
        break;
      case "Ed25519":
      case "X25519":
        g = KeyPairGenerator.getInstance(kind);
        break;
      default:
        throw new Failure("NotSupportedError");
    }
    KeyPair kp = g.generateKeyPair();
    byte[] pkcs8 = kp.getPrivate().getEncoded();
    if (kind.equals("EC")) {
      Curve c = curve(p1.asString());
      ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
      pkcs8 = ecPkcs8(c, fixed(((ECPrivateKey) kp.getPrivate()).getS(), c.size), fixed(w.getAffineX(), c.size),
          fixed(w.getAffineY(), c.size));
    }
    return array(buffer(kp.getPublic().getEncoded()), buffer(pkcs8));
  }

  // ---- signatures, encryption, agreement ----------------------------------------------------

  private static Signature signature(String kind, String hash, int saltLength) throws GeneralSecurityException {
    switch (kind) {
      case "RSASSA-PKCS1-v1_5":
        return Signature.getInstance(jca(hash) + "withRSA");
      case "RSA-PSS": {
        Signature s = Signature.getInstance("RSASSA-PSS");
        jca(hash);
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        return s;
      }
      case "ECDSA":
        return Signature.getInstance(jca(hash) + "withECDSAinP1363Format");
      case "Ed25519":
        return Signature.getInstance("Ed25519");
      default:
        throw new Failure("NotSupportedError");
    }
  }

  private static String keyFactory(String kind) {
    switch (kind) {
      case "RSASSA-PKCS1-v1_5":
      case "RSA-PSS":
      case "RSA-OAEP":
      case "RSA":
        return "RSA";
      case "ECDSA":
      case "ECDH":
      case "EC":
        return "EC";
      default:
        return kind;
    }
  }

  private static PrivateKey privateKey(String kind, byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance(keyFactory(kind)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  private static PublicKey publicKey(String kind, byte[] spki) throws GeneralSecurityException {
    return KeyFactory.getInstance(keyFactory(kind)).generatePublic(new X509EncodedKeySpec(spki));
  }

  private static byte[] sign(String kind, String hash, byte[] pkcs8, byte[] data, int saltLength)
      throws GeneralSecurityException {
    Signature s = signature(kind, hash, saltLength);
    s.initSign(privateKey(kind, pkcs8), RANDOM);
    s.update(data);
    return s.sign();
  }

  private static Boolean verify(String kind, String hash, byte[] spki, byte[] data, byte[] sig, int saltLength)
      throws GeneralSecurityException {
    Signature s = signature(kind, hash, saltLength);
    s.initVerify(publicKey(kind, spki));
    s.update(data);
    try {
      return s.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return Boolean.FALSE; // a malformed signature does not verify
    }
  }

  private static byte[] oaep(boolean encrypt, String hash, byte[] der, byte[] data, byte[] label)
      throws GeneralSecurityException {
    jca(hash);
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    OAEPParameterSpec spec = new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
        new PSource.PSpecified(label == null ? new byte[0] : label));
    if (encrypt) {
      c.init(Cipher.ENCRYPT_MODE, publicKey("RSA", der), spec, RANDOM);
    } else {
      c.init(Cipher.DECRYPT_MODE, privateKey("RSA", der), spec);
    }
    try {
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw operation();
    }
  }

  private static byte[] agree(String kind, byte[] pkcs8, byte[] spki) throws GeneralSecurityException {
    KeyAgreement ka = KeyAgreement.getInstance(kind.equals("X25519") ? "X25519" : "ECDH");
    ka.init(privateKey(kind, pkcs8));
    ka.doPhase(publicKey(kind, spki), true);
    return ka.generateSecret();
  }

  // ---- key derivation -----------------------------------------------------------------------

  /**
   * {@code count} iterations of PBKDF2 (RFC 8018) for output block {@code block}: with {@code u}
   * null, starts the block (U1 = PRF(P, S || INT(block))); returns [U, T] to continue from.
   */
  private static ProxyArray pbkdf2(String hash, byte[] password, byte[] salt, int block, byte[] u, byte[] t, int count)
      throws GeneralSecurityException {
    Mac mac = mac(hash, password);
    if (count < 1 || count > 1_000_000) {
      throw operation();
    }
    if (u == null) {
      mac.update(salt);
      mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
      u = mac.doFinal();
      t = u.clone();
      count--;
    }
    for (int i = 0; i < count; i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < t.length; j++) {
        t[j] ^= u[j];
      }
    }
    return array(buffer(u), buffer(t));
  }

  /** HKDF (RFC 5869): extract then expand to {@code length} bytes. */
  private static byte[] hkdf(String hash, byte[] ikm, byte[] salt, byte[] info, int length)
      throws GeneralSecurityException {
    byte[] prk = hmac(hash, salt, ikm);
    Mac mac = mac(hash, prk);
    int hashLen = mac.getMacLength();
    if (length < 0 || length > 255 * hashLen) {
      throw operation();
    }
    byte[] out = new byte[length];
    byte[] prev = new byte[0];
    for (int i = 1, off = 0; off < length; i++) {
      mac.update(prev);
      mac.update(info);
      mac.update((byte) i);
      prev = mac.doFinal();
      int n = Math.min(hashLen, length - off);
      System.arraycopy(prev, 0, out, off, n);
      off += n;
    }
    return out;
  }

  // ---- key encodings ------------------------------------------------------------------------

  /** A NIST prime curve by its Web Crypto name. */
  private static final class Curve {
    final String name;
    final String oid;
    final ECParameterSpec spec;
    final int size;

    Curve(String name, String oid) throws GeneralSecurityException {
      this.name = name;
      this.oid = oid;
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(oid));
      this.spec = p.getParameterSpec(ECParameterSpec.class);
      this.size = (spec.getCurve().getField().getFieldSize() + 7) / 8;
    }
  }

  private static volatile List<Curve> curves;

  private static List<Curve> curves() throws GeneralSecurityException {
    List<Curve> c = curves;
    if (c == null) {
      c = List.of(new Curve("P-256", "secp256r1"), new Curve("P-384", "secp384r1"), new Curve("P-521", "secp521r1"));
      curves = c;
    }
    return c;
  }

  private static Curve curve(String name) throws GeneralSecurityException {
    for (Curve c : curves()) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    throw new Failure("NotSupportedError");
  }

  private static Curve curve(ECParameterSpec spec) throws GeneralSecurityException {
    for (Curve c : curves()) {
      if (c.spec.getOrder().equals(spec.getOrder()) && c.spec.getCurve().equals(spec.getCurve())
          && c.spec.getGenerator().equals(spec.getGenerator())) {
        return c;
      }
    }
    throw new Failure("NotSupportedError");
  }

  /** An unsigned big-endian integer in exactly {@code size} bytes. */
  private static byte[] fixed(BigInteger v, int size) {
    byte[] b = v.toByteArray();
    if (b.length == size) {
      return b;
    }
    byte[] out = new byte[size];
    if (b.length > size) {
      System.arraycopy(b, b.length - size, out, 0, size);
    } else {
      System.arraycopy(b, 0, out, size - b.length, b.length);
    }
    return out;
  }

  /** An unsigned big-endian integer without leading zero bytes (JWK's Base64urlUInt). */
  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static BigInteger big(byte[] b) {
    if (b == null || b.length == 0) {
      throw data();
    }
    return new BigInteger(1, b);
  }

  /**
   * Validates a DER key of {@code kind} ("RSA", "EC", "Ed25519", "X25519") in {@code format}
   * ("spki" or "pkcs8"); returns [canonical DER, components...]: RSA [der, n, e, (d, p, q, dp, dq,
   * qi)]; EC [der, curve, x, y, (d)]; OKP [der, x, (d)].
   */
  private static ProxyArray parse(String kind, String format, byte[] der) throws GeneralSecurityException {
    boolean pub = format.equals("spki");
    java.security.Key key;
    try {
      key = pub ? publicKey(kind, der) : privateKey(kind, der);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw data();
    }
    List<Object> out = new ArrayList<>();
    out.add(buffer(key.getEncoded()));
    switch (kind) {
      case "RSA":
        if (pub) {
          RSAPublicKey k = (RSAPublicKey) key;
          out.add(buffer(unsigned(k.getModulus())));
          out.add(buffer(unsigned(k.getPublicExponent())));
        } else {
          if (!(key instanceof RSAPrivateCrtKey)) {
            throw data();
          }
          RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
          for (BigInteger v : new BigInteger[] {k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
              k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
            out.add(buffer(unsigned(v)));
          }
        }
        break;
      case "EC": {
        ECPoint w;
        Curve c;
        if (pub) {
          ECPublicKey k = (ECPublicKey) key;
          c = curve(k.getParams());
          w = k.getW();
          if (!onCurve(c, w)) {
            throw data();
          }
        } else {
          ECPrivateKey k = (ECPrivateKey) key;
          c = curve(k.getParams());
          BigInteger s = k.getS();
          if (s.signum() <= 0 || s.compareTo(c.spec.getOrder()) >= 0) {
            throw data();
          }
          w = multiply(c, s);
        }
        byte[] x = fixed(w.getAffineX(), c.size);
        byte[] y = fixed(w.getAffineY(), c.size);
        if (!pub) {
          // The form browsers export: the public point included in the ECPrivateKey (RFC 5915).
          out.set(0, buffer(ecPkcs8(c, fixed(((ECPrivateKey) key).getS(), c.size), x, y)));
        }
        out.add(c.name);
        out.add(buffer(x));
        out.add(buffer(y));
        if (!pub) {
          out.add(buffer(fixed(((ECPrivateKey) key).getS(), c.size)));
        }
        break;
      }
      case "Ed25519":
      case "X25519":
        if (pub) {
          byte[] enc = key.getEncoded();
          out.add(buffer(Arrays.copyOfRange(enc, enc.length - 32, enc.length)));
        } else {
          byte[] d = kind.equals("Ed25519")
              ? ((EdECPrivateKey) key).getBytes().orElseThrow(SubtleCryptoHost::data)
              : ((XECPrivateKey) key).getScalar().orElseThrow(SubtleCryptoHost::data);
          if (d.length != 32) {
            throw data();
          }
          out.add(buffer(okpPublic(kind, d)));
          out.add(buffer(d));
        }
        break;
      default:
        throw new Failure("NotSupportedError");
    }
    return ProxyArray.fromList(out);
  }

  /** A DER element: tag, definite length, contents. */
  private static byte[] der(int tag, byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] len;
    if (n < 0x80) {
      len = new byte[] {(byte) n};
    } else if (n < 0x100) {
      len = new byte[] {(byte) 0x81, (byte) n};
    } else {
      len = new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
    }
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    int off = 1 + len.length;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
  private static final Map<String, byte[]> CURVE_OIDS = Map.of(
      "P-256", HexFormat.of().parseHex("06082a8648ce3d030107"),
      "P-384", HexFormat.of().parseHex("06052b81040022"),
      "P-521", HexFormat.of().parseHex("06052b81040023"));

  /** PKCS #8 PrivateKeyInfo of an EC key, its ECPrivateKey with the public point ([1]). */
  private static byte[] ecPkcs8(Curve c, byte[] d, byte[] x, byte[] y) {
    byte[] point = new byte[2 + 2 * c.size];
    point[1] = 4;
    System.arraycopy(x, 0, point, 2, c.size);
    System.arraycopy(y, 0, point, 2 + c.size, c.size);
    byte[] ecPrivateKey = der(0x30, der(0x02, new byte[] {1}), der(0x04, d), der(0xa1, der(0x03, point)));
    return der(0x30, der(0x02, new byte[] {0}), der(0x30, EC_PUBLIC_KEY_OID, CURVE_OIDS.get(c.name)),
        der(0x04, ecPrivateKey));
  }

  private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final byte[] X25519_SPKI = HexFormat.of().parseHex("302a300506032b656e032100");
  private static final byte[] ED25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
  private static final byte[] X25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b656e04220420");

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * The public key of an Ed25519 / X25519 private key. X25519: the scalar times the base point
   * (u = 9). Ed25519: key generation seeded with the private key, which is all it draws at random.
   */
  private static byte[] okpPublic(String kind, byte[] d) throws GeneralSecurityException {
    if (kind.equals("X25519")) {
      KeyAgreement ka = KeyAgreement.getInstance("X25519");
      ka.init(privateKey(kind, concat(X25519_PKCS8, d)));
      PublicKey base = KeyFactory.getInstance("X25519")
          .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
      ka.doPhase(base, true);
      return ka.generateSecret();
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    g.initialize(NamedParameterSpec.ED25519, new SeededRandom(d));
    byte[] spki = g.generateKeyPair().getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /** Hands out fixed bytes: lets the JDK derive an Ed25519 public key from a given private key. */
  private static final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    SeededRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != seed.length) {
        throw new IllegalStateException("unexpected draw");
      }
      System.arraycopy(seed, 0, out, 0, out.length);
    }
  }

  /**
   * A DER key from JWK/raw components; returns what {@link #parse} returns for it. RSA: (n, e) or
   * (n, e, d, p, q, dp, dq, qi); EC (curve named): (x, y) or (x, y, d); OKP: (x) or (x, d) with x
   * possibly null (then derived).
   */
  private static ProxyArray build(String kind, String curveName, byte[][] p) throws GeneralSecurityException {
    switch (kind) {
      case "RSA": {
        KeyFactory f = KeyFactory.getInstance("RSA");
        try {
          if (p.length == 2) {
            byte[] der = f.generatePublic(new RSAPublicKeySpec(big(p[0]), big(p[1]))).getEncoded();
            return parse(kind, "spki", der);
          }
          byte[] der = f.generatePrivate(new RSAPrivateCrtKeySpec(big(p[0]), big(p[1]), big(p[2]), big(p[3]),
              big(p[4]), big(p[5]), big(p[6]), big(p[7]))).getEncoded();
          return parse(kind, "pkcs8", der);
        } catch (GeneralSecurityException | ArithmeticException e) {
          throw data();
        }
      }
      case "EC": {
        Curve c = curve(curveName);
        if (p.length == 1) {
          p = decompress(c, p[0]);
        }
        if (p[0] == null || p[1] == null || p[0].length != c.size || p[1].length != c.size) {
          throw data();
        }
        ECPoint w = new ECPoint(new BigInteger(1, p[0]), new BigInteger(1, p[1]));
        if (!onCurve(c, w)) {
          throw data();
        }
        KeyFactory f = KeyFactory.getInstance("EC");
        if (p.length == 2) {
          return parse(kind, "spki", f.generatePublic(new ECPublicKeySpec(w, c.spec)).getEncoded());
        }
        if (p[2] == null || p[2].length != c.size) {
          throw data();
        }
        BigInteger s = new BigInteger(1, p[2]);
        if (s.signum() == 0 || s.compareTo(c.spec.getOrder()) >= 0 || !multiply(c, s).equals(w)) {
          throw data();
        }
        return parse(kind, "pkcs8", f.generatePrivate(new ECPrivateKeySpec(s, c.spec)).getEncoded());
      }
      case "Ed25519":
      case "X25519": {
        boolean ed = kind.equals("Ed25519");
        if (p.length == 1) {
          if (p[0] == null || p[0].length != 32) {
            throw data();
          }
          return parse(kind, "spki", concat(ed ? ED25519_SPKI : X25519_SPKI, p[0]));
        }
        if (p[1] == null || p[1].length != 32) {
          throw data();
        }
        ProxyArray parsed = parse(kind, "pkcs8", concat(ed ? ED25519_PKCS8 : X25519_PKCS8, p[1]));
        if (p[0] != null && !Arrays.equals(p[0], okpPublic(kind, p[1]))) {
          throw data();
        }
        return parsed;
      }
      default:
        throw new Failure("NotSupportedError");
    }
  }

  /** (x, y) of a compressed point (0x02/0x03 || x; SEC 1 section 2.3.4); the curves have p = 3 mod 4. */
  private static byte[][] decompress(Curve c, byte[] point) {
    if (point.length != 1 + c.size || (point[0] != 2 && point[0] != 3)) {
      throw data();
    }
    BigInteger p = ((ECFieldFp) c.spec.getCurve().getField()).getP();
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, point.length));
    if (x.compareTo(p) >= 0) {
      throw data();
    }
    BigInteger rhs = x.pow(3).add(c.spec.getCurve().getA().multiply(x)).add(c.spec.getCurve().getB()).mod(p);
    BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
    if (!y.pow(2).mod(p).equals(rhs)) {
      throw data();
    }
    if (y.testBit(0) != (point[0] == 3)) {
      y = p.subtract(y).mod(p);
    }
    return new byte[][] {fixed(x, c.size), fixed(y, c.size)};
  }

  // ---- prime-curve arithmetic (affine, for checks and deriving a public point) ----------------

  private static boolean onCurve(Curve c, ECPoint w) {
    if (w.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    BigInteger p = ((ECFieldFp) c.spec.getCurve().getField()).getP();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger rhs = x.pow(3).add(c.spec.getCurve().getA().multiply(x)).add(c.spec.getCurve().getB()).mod(p);
    return y.pow(2).mod(p).equals(rhs);
  }

  /**
   * s times the generator, in Jacobian coordinates (one inversion at the end). Used only when a
   * private key's public point is needed (exporting a private key as JWK, checking a JWK's d).
   */
  private static ECPoint multiply(Curve c, BigInteger s) {
    BigInteger p = ((ECFieldFp) c.spec.getCurve().getField()).getP();
    BigInteger a = c.spec.getCurve().getA();
    ECPoint g = c.spec.getGenerator();
    BigInteger[] r = null; // point at infinity
    BigInteger[] gj = {g.getAffineX(), g.getAffineY(), BigInteger.ONE};
    for (int i = s.bitLength() - 1; i >= 0; i--) {
      if (r != null) {
        r = jDouble(r, a, p);
      }
      if (s.testBit(i)) {
        r = r == null ? gj : jAdd(r, gj, a, p);
      }
    }
    if (r == null || r[2].signum() == 0) {
      return ECPoint.POINT_INFINITY;
    }
    BigInteger zi = r[2].modInverse(p);
    BigInteger zi2 = zi.multiply(zi).mod(p);
    return new ECPoint(r[0].multiply(zi2).mod(p), r[1].multiply(zi2).multiply(zi).mod(p));
  }

  private static BigInteger[] jDouble(BigInteger[] q, BigInteger a, BigInteger p) {
    if (q[2].signum() == 0 || q[1].signum() == 0) {
      return new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
    }
    BigInteger x = q[0], y = q[1], z = q[2];
    BigInteger y2 = y.multiply(y).mod(p);
    BigInteger s = x.multiply(y2).shiftLeft(2).mod(p);
    BigInteger z2 = z.multiply(z).mod(p);
    BigInteger m = x.multiply(x).multiply(BigInteger.valueOf(3)).add(a.multiply(z2).multiply(z2)).mod(p);
    BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(p);
    BigInteger y3 = m.multiply(s.subtract(x3)).subtract(y2.multiply(y2).shiftLeft(3)).mod(p);
    BigInteger z3 = y.multiply(z).shiftLeft(1).mod(p);
    return new BigInteger[] {x3, y3, z3};
  }

  private static BigInteger[] jAdd(BigInteger[] q, BigInteger[] r, BigInteger a, BigInteger p) {
    if (q[2].signum() == 0) {
      return r;
    }
    if (r[2].signum() == 0) {
      return q;
    }
    BigInteger z1s = q[2].multiply(q[2]).mod(p);
    BigInteger z2s = r[2].multiply(r[2]).mod(p);
    BigInteger u1 = q[0].multiply(z2s).mod(p);
    BigInteger u2 = r[0].multiply(z1s).mod(p);
    BigInteger s1 = q[1].multiply(z2s).multiply(r[2]).mod(p);
    BigInteger s2 = r[1].multiply(z1s).multiply(q[2]).mod(p);
    if (u1.equals(u2)) {
      return s1.equals(s2) ? jDouble(q, a, p) : new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
    }
    BigInteger h = u2.subtract(u1).mod(p);
    BigInteger rr = s2.subtract(s1).mod(p);
    BigInteger h2 = h.multiply(h).mod(p);
    BigInteger h3 = h2.multiply(h).mod(p);
    BigInteger u1h2 = u1.multiply(h2).mod(p);
    BigInteger x3 = rr.multiply(rr).subtract(h3).subtract(u1h2.shiftLeft(1)).mod(p);
    BigInteger y3 = rr.multiply(u1h2.subtract(x3)).subtract(s1.multiply(h3)).mod(p);
    BigInteger z3 = h.multiply(q[2]).multiply(r[2]).mod(p);
    return new BigInteger[] {x3, y3, z3};
  }
}
