// Two executions of policy:check in one build, neither naming an <outputDirectory>: the second does not overwrite the
// first's reports (which would show the prod overlay's violation as a pass); it writes its own under the execution's
// id and says so.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] The execution \'prod\' of policy:check has written its reports to target/guidepost in '
        + 'this build, so this execution (\'staging\') writes its reports to target/guidepost/staging; give each '
        + 'execution its own <outputDirectory>')
assert log.contains('BUILD SUCCESS')

def slurper = new groovy.json.JsonSlurper()
def prod = slurper.parse(new File(basedir, 'target/guidepost/report.json'))
def staging = slurper.parse(new File(basedir, 'target/guidepost/staging/report.json'))
assert prod.results.any { it.policy == 'require-team-label' && it.outcome == 'fail' }
assert !staging.results.any { it.outcome == 'fail' }
assert new File(basedir, 'target/guidepost/report.md').text.contains('require-team-label')
