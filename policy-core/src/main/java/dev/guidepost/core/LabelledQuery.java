package dev.guidepost.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.guidepost.core.internal.search.QueryFile;

/**
 * A question with the policies that answer it, for measuring search quality. The first {@code primary} names
 * are the ones a search must surface; the rest are also relevant.
 *
 * @param id       the query's id
 * @param query    the question as a person asks it
 * @param relevant the policy ids that answer it, most relevant first (at least one)
 * @param primary  how many of the leading {@code relevant} ids must be found (1 or more)
 */
public record LabelledQuery(String id, String query, List<String> relevant, int primary) {

    public LabelledQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        relevant = List.copyOf(relevant);
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("query " + id + " has no relevant policy");
        }
        primary = Math.max(1, Math.min(primary, relevant.size()));
    }

    /**
     * Reads a query file: {@code queries:} a list of {@code {id, query, relevant: [...], primary: N}}.
     *
     * @throws GuidepostException naming the file and entry when it is not in that form
     */
    public static List<LabelledQuery> read(Path file) {
        return QueryFile.read(file);
    }
}
