package dev.guidepost.core.internal.search;

/**
 * Where the vectors of a semantic index came from: already in the store, from index files (cache folder or pack
 * jars), or embedded now.
 */
public record IndexStats(int views, int fromStore, int fromFiles, int embedded) {
}
