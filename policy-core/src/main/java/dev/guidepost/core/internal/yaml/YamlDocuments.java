package dev.guidepost.core.internal.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads YAML and JSON streams safely and document by document. Each document is parsed on its own, so a syntax
 * error in one document never hides the others. Only snakeyaml's safe constructor is used, with limits on
 * aliases (against "billion laughs"), nesting depth and size.
 */
public final class YamlDocuments {

    /** Largest file read, in bytes. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    /** Largest number of aliases a document may use for collections. */
    public static final int MAX_ALIASES = 100;
    /** Deepest nesting of collections. */
    public static final int MAX_DEPTH = 100;
    /** Largest document, in characters. */
    public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

    private static final Pattern DOCUMENT_START = Pattern.compile("^---(?:[ \\t].*)?$");
    private static final Pattern DOCUMENT_END = Pattern.compile("^\\.\\.\\.(?:[ \\t].*)?$");
    private static final Pattern BUT_GOT = Pattern.compile(", but got ([^'\\s]\\S*)$");
    private static final Pattern CONTEXT = Pattern.compile("while (?:parsing|scanning|constructing) an? (.+)");

    /**
     * A byte order mark starting a line, as concatenated files leave it, and not before indented text: YAML readers
     * skip one at the start of a line before any token.
     */
    private static final Pattern LINE_START_BOM = Pattern.compile("\n\uFEFF(?![ \t])");

    private YamlDocuments() {
    }

    /** Reads every document of a file. An unreadable file gives one document with an {@code IO} problem. */
    public static List<YamlDocument> read(Path file) {
        String source = SourceName.of(file);
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return List.of(YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.LIMIT, 0, 0,
                        "the file has " + size + " bytes, more than the limit of " + MAX_FILE_BYTES
                                + "; split it into smaller files")));
            }
            return decoded(Files.readAllBytes(file), source, "the file");
        } catch (IOException | RuntimeException e) {
            return List.of(YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.IO, 0, 0,
                    "cannot read the file: " + describe(e))));
        }
    }

    /**
     * Parses every document of YAML or JSON bytes (standard input, say), which must be UTF-8 text; bytes that are
     * not give one document with an {@code IO} problem, as a file's do.
     */
    public static List<YamlDocument> parse(byte[] bytes, String source) {
        if (bytes.length > MAX_FILE_BYTES) {
            return List.of(YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.LIMIT, 0, 0,
                    "the input has " + bytes.length + " bytes, more than the limit of " + MAX_FILE_BYTES
                            + "; split it into smaller parts")));
        }
        return decoded(bytes, source, "the input");
    }

    /**
     * The documents of UTF-8 bytes; bytes that are not UTF-8 give one document with an {@code IO} problem that says
     * what they look like (UTF-16, binary data, or text in another encoding, with the line of its first such byte).
     */
    private static List<YamlDocument> decoded(byte[] bytes, String source, String what) {
        if (utf16WithoutMark(bytes)) {
            return List.of(YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.IO, 0, 0, what + " is UTF-16 "
                    + "text; save it as UTF-8, which YAML files must be")));
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            return parse(strict(StandardCharsets.UTF_8).decode(in).toString(), source);
        } catch (CharacterCodingException e) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset && i < bytes.length; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            String problem;
            if (utf16Mark(bytes)) {
                line = 0;
                problem = what + " is UTF-16 text (as PowerShell's > writes it); save it as UTF-8, which YAML "
                        + "files must be";
            } else if (containsNul(bytes)) {
                line = 0;
                problem = what + " is not text (binary data, such as a jar or an image?); YAML files must be UTF-8 "
                        + "text";
            } else {
                problem = "line " + line + " has a byte that is not UTF-8 (0x" + String.format("%02X",
                        bytes[Math.min(offset, bytes.length - 1)] & 0xFF) + ": text saved as Latin-1 or Windows-1252,"
                        + " such as an accented letter?); save " + what + " as UTF-8, which YAML must be";
            }
            return List.of(YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.IO, line, line == 0 ? 0 : 1,
                    problem)));
        }
    }

    /**
     * UTF-16 without a byte order mark: the first 8 KB hold zero bytes and read as UTF-16 text (little- or
     * big-endian) with a line break or a colon and no control characters but tabs and line breaks.
     */
    private static boolean utf16WithoutMark(byte[] bytes) {
        if (utf16Mark(bytes)) {
            return false; // with a mark: said as such once UTF-8 decoding fails
        }
        int length = Math.min(bytes.length, 8192) & ~1;
        int zeros = 0;
        for (int i = 0; i < length; i++) {
            zeros += bytes[i] == 0 ? 1 : 0;
        }
        // a stray zero byte in UTF-8 text is no sign: UTF-16 of ASCII is one zero in two bytes, of other scripts
        // it is no UTF-8
        if (zeros == 0 || zeros * 16 < length && validUtf8(bytes)) {
            return false;
        }
        for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            try {
                // a character cut at the end of the window (half a surrogate pair) is not malformed text
                java.nio.CharBuffer decodedChars = java.nio.CharBuffer.allocate(length / 2 + 1);
                java.nio.charset.CoderResult result = strict(utf16).decode(java.nio.ByteBuffer.wrap(bytes, 0, length),
                        decodedChars, length == bytes.length);
                if (result.isError()) {
                    continue;
                }
                String text = decodedChars.flip().toString();
                if ((text.indexOf('\n') >= 0 || text.indexOf(':') >= 0 || length < 8)
                        && text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not this byte order
            }
        }
        return false;
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            strict(StandardCharsets.UTF_8).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A decoder that reports bytes the charset cannot read instead of replacing them. */
    private static java.nio.charset.CharsetDecoder strict(java.nio.charset.Charset charset) {
        return charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    }

    /** True when the bytes start with UTF-16's byte order mark, big- or little-endian. */
    private static boolean utf16Mark(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF
                || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE);
    }

    private static boolean containsNul(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Parses every document of a YAML or JSON text; {@code source} names it in locations. */
    public static List<YamlDocument> parse(String text, String source) {
        // a byte order mark starting a line (files saved with one and concatenated) marks no content
        text = text.indexOf('\uFEFF') < 0 ? text : LINE_START_BOM.matcher(text).replaceAll("\n");
        List<YamlDocument> documents = new ArrayList<>();
        Parser parser = new Parser();
        for (Chunk chunk : split(text)) {
            YamlDocument document = chunk.isBlank() ? null : parser.parse(chunk, source);
            if (document != null && document.problem() != null) {
                // JSON objects one after another, as kubectl reads them: each read on its own (a broken one named
                // at its line) once the text splits into objects and one of them reads
                List<YamlDocument> objects = chunk.jsonObjects().stream().map(o -> parser.parse(o, source)).toList();
                if (objects.size() > 1 && objects.stream().noneMatch(java.util.Objects::isNull)
                        && objects.stream().anyMatch(o -> o.problem() == null)) {
                    documents.addAll(objects);
                    continue;
                }
            }
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** One safe snakeyaml set-up, reused for the documents of one stream (not thread-safe). */
    private static final class Parser {
        private final SafeYamlConstructor constructor;
        private final Yaml yaml;

        Parser() {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setNestingDepthLimit(MAX_DEPTH);
            // SnakeYAML counts the chunk's final line break too and refuses a document that reaches its limit
            options.setCodePointLimit(MAX_DOCUMENT_CHARS + 2);
            options.setAllowRecursiveKeys(false);
            options.setMergeOnCompose(true);
            constructor = new SafeYamlConstructor(options);
            yaml = new Yaml(constructor);
        }

        YamlDocument parse(Chunk chunk, String source) {
            return parseChunk(chunk, source, yaml, constructor);
        }
    }

    private static YamlDocument parseChunk(Chunk chunk, String source, Yaml yaml, SafeYamlConstructor constructor) {
        String text = chunk.text();
        // a chunk ends in the line break that separates it from the next; that is not the document's
        int length = text.endsWith("\n") ? text.length() - 1 : text.length();
        if (length > MAX_DOCUMENT_CHARS && text.codePointCount(0, length) > MAX_DOCUMENT_CHARS) {
            // refused before parsing: snakeyaml would scan up to the limit first, which takes seconds
            return YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.LIMIT, chunk.firstLine() + 1, 0,
                    "over a safety limit: the document has more than " + MAX_DOCUMENT_CHARS
                            + " characters; split it into smaller documents"));
        }
        try {
            Node node = yaml.compose(new StringReader(chunk.text()));
            if (node == null) {
                return null;
            }
            Object value = constructor.construct(node);
            return YamlDocument.ok(source, value, node, chunk.firstLine(), chunk.text());
        } catch (MarkedYAMLException e) {
            // the problem mark is where snakeyaml noticed the error; the context mark, quoted in the message, is
            // where the broken construct (an unclosed quote, a flow mapping, a block) starts
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            if (mark != null && chunk.isPastEnd(mark) && e.getContextMark() != null) {
                mark = e.getContextMark(); // the file ended inside a construct: point at where it starts
            }
            int line = mark == null ? chunk.firstLine() + 1 : chunk.lineOf(mark);
            int column = mark == null || chunk.isPastEnd(mark) ? 0 : chunk.columnOf(mark);
            return YamlDocument.failed(source, classify(e, describe(e, chunk), chunk, line, column));
        } catch (YAMLException e) {
            return YamlDocument.failed(source, classify(e, describe(e), chunk, chunk.firstLine() + 1, 0));
        } catch (StackOverflowError e) {
            return YamlDocument.failed(source, new YamlProblem(YamlProblem.Type.LIMIT, chunk.firstLine() + 1, 0,
                    "the document is nested too deeply"));
        }
    }

    private static YamlProblem classify(YAMLException e, String message, Chunk chunk, int line, int column) {
        if (e instanceof ConstructorException && message.contains("could not determine a constructor")
                || message.contains("tag is not allowed")) {
            return new YamlProblem(YamlProblem.Type.REFUSED_TAG, line, column,
                    "refused YAML tag: " + message + "; only the standard YAML tags are accepted");
        }
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("number of aliases") || lower.contains("nesting depth") || lower.contains("code point")
                || lower.contains("exceeds the limit")) {
            return new YamlProblem(YamlProblem.Type.LIMIT, line, column, "over a safety limit: " + message);
        }
        int fenceLine = chunk.fenceLine();
        if (fenceLine > 0) {
            return new YamlProblem(YamlProblem.Type.SYNTAX, fenceLine, 0, "this is a Markdown code fence (```), "
                    + "not YAML: give the manifest without the fence lines");
        }
        int templateLine = chunk.templateLine();
        if (templateLine > 0) {
            return new YamlProblem(YamlProblem.Type.TEMPLATE, templateLine, 0,
                    "this looks like an unrendered template ('{{ ... }}'); render it first (for example with "
                            + "'helm template' or 'kustomize build') and check the output");
        }
        return new YamlProblem(YamlProblem.Type.SYNTAX, line, column, "invalid YAML: " + message);
    }

    /**
     * What went wrong, then where the construct it happened in starts: {@code expected ',' or '}' but got ':' (in
     * the flow mapping that starts at line 3, column 9)}. Lines count from the start of the stream.
     */
    private static String describe(MarkedYAMLException e, Chunk chunk) {
        if (e.getProblem() == null) {
            return describe(e);
        }
        if (e.getProblem().contains("'\\t(TAB)' that cannot start any token") && afterColon(e.getProblemMark(), chunk)) {
            return "a tab after a key's ':' (YAML 1.1 readers refuse it, while kubectl's reader takes it as a "
                    + "space); use spaces there, not a tab";
        }
        // snakeyaml writes "expected X, but got Y" with the token unquoted
        String problem = BUT_GOT.matcher(e.getProblem().strip()).replaceFirst(" but got '$1'")
                .replace(", but ", " but ");
        String context = e.getContext() == null ? "" : e.getContext().strip();
        if (context.isEmpty()) {
            return problem;
        }
        Mark mark = e.getContextMark();
        if (mark == null) {
            return problem + " (" + context + ")";
        }
        Matcher construct = CONTEXT.matcher(context);
        String what = construct.matches() ? construct.group(1).replace("simple key", "key") : null;
        String where = "line " + chunk.lineOf(mark) + ", column " + chunk.columnOf(mark);
        // two objects written one after the other without '---' (files concatenated with cat, say)
        String joined = problem.matches("found duplicate key (apiVersion|kind)") && mark.getColumn() == 0
                ? "; two documents without '---' between them? Separate Kubernetes objects with a line '---'" : "";
        return (what == null ? problem + " (" + context + ", at " + where + ")"
                : problem + " (in the " + what + " that starts at " + where + ")") + joined;
    }

    /** True when the mark is at a tab that follows a {@code :} and perhaps more tabs or spaces on its line. */
    private static boolean afterColon(Mark mark, Chunk chunk) {
        if (mark == null) {
            return false;
        }
        String[] lines = chunk.text().split("\n", -1);
        if (mark.getLine() >= lines.length || mark.getColumn() > lines[mark.getLine()].length()) {
            return false;
        }
        String before = lines[mark.getLine()].substring(0, mark.getColumn()).stripTrailing();
        return before.endsWith(":");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // snakeyaml repeats the snippet with a caret on several lines; the first line carries the meaning.
        String[] lines = message.strip().split("\\R");
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("in 'reader'") || t.startsWith("^") || l.startsWith("    ")) {
                continue;
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(t);
        }
        return out.length() == 0 ? lines[0].strip() : out.toString();
    }

    /** Splits a stream at document markers ({@code ---} and {@code ...} at the start of a line). */
    static List<Chunk> split(String text) {
        List<Chunk> chunks = new ArrayList<>();
        String[] lines = text.split("\\r?\\n", -1);
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            boolean endMarker = DOCUMENT_END.matcher(line).matches();
            if (DOCUMENT_START.matcher(line).matches()) {
                Chunk chunk = new Chunk(current.toString(), start);
                if (!chunk.isDirectivesOnly()) { // directives belong to the document that follows them
                    chunks.add(chunk);
                    current.setLength(0);
                    start = i;
                }
            }
            if (endMarker) {
                chunks.add(new Chunk(current.toString(), start));
                current.setLength(0);
                start = i + 1;
                continue;
            }
            current.append(line).append('\n');
        }
        chunks.add(new Chunk(current.toString(), start));
        return chunks;
    }

    /**
     * A document's text, the 0-based line where it starts in the stream, and the columns before its first
     * character on that line that its text leaves out (a JSON object far along a shared line).
     */
    record Chunk(String text, int firstLine, int firstColumn) {

        /** The widest column an object of a JSON stream is padded to. */
        private static final int MAX_PADDING = 256;

        Chunk(String text, int firstLine) {
            this(text, firstLine, 0);
        }

        /** The 1-based column in the stream of a mark in this chunk. */
        int columnOf(Mark mark) {
            return mark.getColumn() + 1 + (mark.getLine() == 0 ? firstColumn : 0);
        }

        /**
         * The JSON objects of a chunk that holds several one after another (as {@code jq '.items[]'} writes them,
         * and as kubectl reads them), each from its opening brace; the chunk itself otherwise.
         */
        List<Chunk> jsonObjects() {
            int first = firstContent(0);
            if (first < 0 || text.charAt(first) != '{') {
                return List.of(this);
            }
            List<Integer> starts = new ArrayList<>(List.of(first));
            int depth = 0;
            boolean inString = false;
            for (int i = first; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    int next = firstContent(i + 1);
                    if (next < 0) {
                        break;
                    }
                    if (text.charAt(next) != '{') {
                        return List.of(this); // not a stream of objects: the parser says what is wrong
                    }
                    starts.add(next);
                    i = next - 1;
                }
            }
            if (starts.size() == 1) {
                return List.of(this);
            }
            List<Chunk> objects = new ArrayList<>();
            int line = 0;
            int counted = 0;
            for (int k = 0; k < starts.size(); k++) {
                int start = starts.get(k);
                int end = k + 1 < starts.size() ? starts.get(k + 1) : text.length();
                for (; counted < start; counted++) {
                    line += text.charAt(counted) == '\n' ? 1 : 0;
                }
                // padded to its column, so columns in messages hold, unless the objects share one long line
                int column = start - text.lastIndexOf('\n', start - 1) - 1;
                boolean padded = column <= MAX_PADDING;
                objects.add(new Chunk(" ".repeat(padded ? column : 0) + text.substring(start, end)
                        + (end < text.length() ? "\n" : ""), firstLine + line, padded ? 0 : column));
            }
            return objects;
        }

        /** The index of the first character from {@code from} that is not white space, or -1. */
        private int firstContent(int from) {
            for (int i = from; i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        boolean isBlank() {
            for (String line : text.split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#") && !DOCUMENT_START.matcher(line).matches()) {
                    return false;
                }
            }
            return true;
        }

        boolean isDirectivesOnly() {
            boolean directive = false;
            for (String line : text.split("\n")) {
                String t = line.strip();
                if (t.startsWith("%")) {
                    directive = true;
                } else if (!t.isEmpty() && !t.startsWith("#")) {
                    return false;
                }
            }
            return directive;
        }

        /**
         * The 1-based line in the stream of a mark in this chunk; the end of the chunk (after its last line break)
         * counts as its last line.
         */
        int lineOf(Mark mark) {
            return firstLine + (isPastEnd(mark) ? lineBreaks() - 1 : mark.getLine()) + 1;
        }

        /** True for a mark after the chunk's last line break (where snakeyaml puts "end of stream"). */
        boolean isPastEnd(Mark mark) {
            int lines = lineBreaks();
            return lines > 0 && mark.getLine() >= lines;
        }

        private int lineBreaks() {
            return (int) text.chars().filter(c -> c == '\n').count();
        }

        /** The 1-based line of the first "{{" in the chunk, or 0. */
        int templateLine() {
            return firstLineWhere(line -> line.contains("{{"));
        }

        /** The line of a Markdown code fence ({@code ```yaml}), as YAML copied out of a chat or a README has. */
        int fenceLine() {
            return firstLineWhere(line -> line.strip().startsWith("```") || line.strip().startsWith("~~~"));
        }

        private int firstLineWhere(Predicate<String> test) {
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (test.test(lines[i])) {
                    return firstLine + i + 1;
                }
            }
            return 0;
        }
    }
}
