package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno authz's JWT library (kyverno-authz pkg/cel/libs/jwt): {@code jwt.Decode(token, key)} parses a compact JWS
 * whose signature must verify with the key's bytes as an HMAC secret (jwx {@code jwk.Import} of raw bytes gives a
 * symmetric key; the algorithm is inferred from it: HS256, HS384 or HS512), and returns a token
 * {@code {Claims, Valid}}: the claims with time claims as Unix seconds (numbers are doubles, as in a protobuf
 * Struct), or null when there are none; {@code Valid} is false when {@code exp} has passed or {@code nbf} or
 * {@code iat} is in the future. A token that does not parse or verify is an error.
 */
final class JwtLibrary extends FunctionLibrary {

    JwtLibrary() {
        function("jwt.Decode", newGlobalOverload("jwt_decode_string_string", SimpleType.DYN, SimpleType.STRING,
                SimpleType.STRING), CelFunctionBinding.from("jwt_decode_string_string", String.class, String.class,
                        JwtLibrary::decode));
    }

    static Object decode(String token, String key) throws CelEvaluationException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw error("failed to parse token: invalid compact serialization: expected 3 parts, got %s",
                    parts.length);
        }
        Map<String, Object> header = object(parts[0], "header");
        Object alg = header.get("alg");
        String javaAlg = switch (String.valueOf(alg)) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> null;
        };
        if (javaAlg == null || key.isEmpty() || !verifies(javaAlg, key, parts[0] + "." + parts[1], parts[2])) {
            throw error("failed to parse token: could not verify message using any of the signatures or keys");
        }
        Map<String, Object> claims = object(parts[1], "payload");
        long now = Instant.now().getEpochSecond();
        boolean valid = !(number(claims.get("exp")) != null && now >= number(claims.get("exp")))
                && !(number(claims.get("nbf")) != null && now < number(claims.get("nbf")))
                && !(number(claims.get("iat")) != null && now < number(claims.get("iat")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Claims", claims.isEmpty() ? null : doubles(claims));
        out.put("Valid", valid);
        return CelValues.toCel(out);
    }

    private static boolean verifies(String javaAlg, String key, String signed, String signature) {
        try {
            Mac mac = Mac.getInstance(javaAlg);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), javaAlg));
            byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
            byte[] actual = Base64.getUrlDecoder().decode(signature.replace("=", ""));
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Object> object(String part, String what) throws CelEvaluationException {
        try {
            String json = new String(Base64.getUrlDecoder().decode(part.replace("=", "")), StandardCharsets.UTF_8);
            Object value = JsonCodec.parse(json);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw error("failed to parse token: invalid %s", what);
    }

    private static Long number(Object value) {
        return value instanceof Number n ? (long) Math.floor(n.doubleValue()) : null;
    }

    private static Object doubles(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), doubles(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JwtLibrary::doubles).toList();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value;
    }
}
