// Configuration problems (no pack, a pack path that does not exist, the same policy id in two packs, a bad
// parameter, a switch that is neither true nor false) fail with a MojoExecutionException whose message says what
// to fix.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 5
runs.each {
    assert it.contains('BUILD FAILURE')
    assert it.contains('MojoExecutionException')
    assert !it.contains('Checking ')
}
assert runs[0].contains('No policy pack configured. Add <configuration><packs><pack>')
assert runs[1].contains('no-such-pack: no such pack folder or file; check <packs> (-Dpolicy.packs)')
assert runs[2].contains("duplicate policy id 'disallow-latest-tag'")
assert runs[2] =~ /policies-copy\/disallow-latest-tag\.yaml:1/
assert runs[2].contains('policy ids must be unique across packs')
assert runs[3].contains("<failOnSeverity> (-Dpolicy.failOnSeverity): unknown severity 'severe'; use low, medium, high, "
        + "critical or none")
assert runs[4].contains("<failOnViolation> (-Dpolicy.failOnViolation) is 'maybe', which Maven would read as false; "
        + "write true or false")
return true
