// The test goal runs the packs' own examples and the kyverno-test.yaml files below the test folders (default
// src/test/kyverno, and the pack folders holding kyverno-test.yaml files beside imported Kyverno policies), prints failures like `guidepost test` (with the expectation's file:line) and its summary line, and fails the build on a failed
// expectation; -DskipTests skips it.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 3

assert runs[0].contains('[INFO] Pack policies: 2 examples')
assert runs[0].contains('[INFO] Running kyverno-test.yaml files below src/test/kyverno, policies')
assert runs[0].contains('[INFO] 6 passed, 0 failed, 0 skipped')
assert runs[0].contains('BUILD SUCCESS')

assert runs[1].contains('[ERROR] FAIL src/test/failing/kyverno-test.yaml:10 test=wrong-expectation policy=require-team-label resource=anonymous: expected pass, got fail')
assert runs[1].contains("[ERROR] src/test/failing/misspelt/kyverno-test.yaml:10: unknown field 'resultz' in the test; did you mean results?")
assert !runs[1].contains('ERROR ERROR')
assert runs[1].contains('[INFO] 2 passed, 1 failed, 0 skipped, 1 error')
assert runs[1].contains('Guidepost tests failed: 2 passed, 1 failed, 0 skipped, 1 error')
assert runs[1].contains('BUILD FAILURE')

assert runs[2].contains('[INFO] Skipping Guidepost test (skipTests=true)')
assert runs[2].contains('BUILD SUCCESS')
return true
