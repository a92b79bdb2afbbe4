package dev.guidepost.core.internal.cel;

import static dev.cel.common.CelOverloadDecl.newGlobalOverload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;

/**
 * Kyverno's gzip library (kyverno/sdk extensions/cel/libs/gzip): {@code gzip.compress(value)} gives bytes (a
 * string's UTF-8 bytes, or bytes as they are) and {@code gzip.decompress(bytes)} gives the text back.
 */
final class GzipLibrary extends FunctionLibrary {

    /** Inflated output beyond this is refused, so a small input cannot exhaust memory. */
    private static final int MAX_DECOMPRESSED = 16 * 1024 * 1024;

    GzipLibrary() {
        function("gzip.compress", newGlobalOverload("compress_any_bytes", SimpleType.BYTES, SimpleType.DYN),
                CelFunctionBinding.from("compress_any_bytes", Object.class, value -> {
                    byte[] input;
                    if (value instanceof String s) {
                        input = s.getBytes(StandardCharsets.UTF_8);
                    } else if (value instanceof CelByteString b) {
                        input = b.toByteArray();
                    } else {
                        throw error("gzip.compress: unsupported type %s", StringFormatLibrary.typeName(value));
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                        gzip.write(input);
                    } catch (IOException e) {
                        throw error("gzip.compress: %s", e.getMessage());
                    }
                    return CelByteString.of(out.toByteArray());
                }));
        function("gzip.decompress", newGlobalOverload("decompress_bytes_string", SimpleType.STRING,
                SimpleType.BYTES),
                CelFunctionBinding.from("decompress_bytes_string", CelByteString.class, bytes -> {
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                        byte[] out = in.readNBytes(MAX_DECOMPRESSED + 1);
                        if (out.length > MAX_DECOMPRESSED) {
                            throw error("gzip.decompress: output larger than %d bytes", MAX_DECOMPRESSED);
                        }
                        return new String(out, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw error("gzip: invalid header");
                    }
                }));
    }
}
