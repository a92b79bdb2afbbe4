/**
 * JUnit Jupiter support for Guidepost: {@link dev.guidepost.junit.GuidepostTest} on a test class,
 * {@link dev.guidepost.junit.GuidepostAssertions} for manifests and searches, and
 * {@link dev.guidepost.junit.Guidepost#dynamicTests(String...)} for one test per manifest and policy. Uses only
 * policy-core's public API and Jupiter API common to JUnit 5.14 and 6.
 */
package dev.guidepost.junit;
