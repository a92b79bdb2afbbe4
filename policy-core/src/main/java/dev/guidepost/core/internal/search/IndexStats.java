package dev.guidepost.core.internal.search;

/**
 * Where the vectors of a semantic index came from: already in the store, from pack jars' index files, from the
 * cache folder, or embedded now.
 */
public record IndexStats(int views, int fromStore, int fromPackJars, int fromCache, int embedded) {
}
