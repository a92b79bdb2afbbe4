// The README's pack-author setup (the pack in src/main/resources/META-INF/guidepost/<name>/, goals test and index,
// no <packs>): the test goal finds the project's own pack as the index goal does and runs its examples; a wrong
// example fails the build with the example's file:line. The embedding libraries' start-up messages stay out of the
// log.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 5

def good = runs[0]
assert good.contains('[INFO] Pack target/classes/META-INF/guidepost/it-pack: 2 examples')
assert good.contains('[INFO] 2 passed, 0 failed, 0 skipped')
assert good =~ /Wrote the search index of it-pack@1\.0\.0 \(1 policy\) to target\/classes\/META-INF\/guidepost\/index\.json/
assert good.contains('BUILD SUCCESS')
assert !good.contains('Failed to detect GPU count')
assert !good.contains('Found matching platform')
assert !good.contains('No Guidepost tests to run')

def broken = runs[1]
assert broken.contains('[INFO] Pack target/classes/META-INF/guidepost/broken-pack: 3 examples')
assert broken =~ /\[ERROR\] FAIL src\/main\/resources\/META-INF\/guidepost\/broken-pack\/require-team-label\.yaml:19 test=examples policy=require-team-label resource=labelled: expected fail, got pass — the fail example Deployment\/labelled gave pass/
assert broken.contains('[INFO] 2 passed, 1 failed, 0 skipped')
assert broken.contains('Guidepost tests failed: 2 passed, 1 failed, 0 skipped')
assert broken.contains('MojoFailureException')
assert broken.contains('BUILD FAILURE')

def goals = runs[2]
assert goals =~ /Wrote \d+ files? to /
assert goals.contains('Policies for "team", best first:')
assert goals.contains('BUILD SUCCESS')

def invalid = runs[3]
def error = invalid.readLines().find { it.contains('Failed to execute goal') }
assert error.contains('src/main/resources/META-INF/guidepost/invalid-pack/require-team-label.yaml:9: ')
assert error.contains("spec.severity is 'severe'")
assert !error.contains('target/classes')
assert error.count("spec.severity is 'severe'") == 1
assert invalid.contains('BUILD FAILURE')

// as a module, the project's own pack is named from the top project in the log and still found
def reactor = runs[4]
assert reactor.contains('[INFO] Pack pack/target/classes/META-INF/guidepost/it-pack: 2 examples')
assert reactor.contains('[INFO] 2 passed, 0 failed, 0 skipped')
assert reactor.contains('BUILD SUCCESS')
return true
