// The annotation guidepost.dev/ignore-<policy-id>: "<reason>" exempts a resource from one policy: the build
// passes, and the exemption and its reason are listed in the log and in every report. Without a reason the
// annotation is ignored, and the message says so.
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/guidepost')
def reason = 'shared by every team; the platform on-call owns it (PLAT-123)'

assert log.contains("[INFO] EXEMPT src/main/k8s/batch.yaml:2 Deployment/shop/batch from require-team-label: $reason")
assert !log.contains('FAIL src/main/k8s/batch.yaml')
assert log.contains('[WARNING] AUDIT src/main/k8s/batch.yaml:20  Deployment/shop/cache')
assert log.contains('[the annotation guidepost.dev/ignore-require-readiness-probe is ignored: it needs a reason as its value]')
assert log.contains('; 1 exemption')
assert log.contains('BUILD SUCCESS')

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'))
def suppressed = sarif.runs[0].results.findAll { it.suppressions }
assert suppressed.size() == 1
assert suppressed[0].ruleId == 'require-team-label'
assert suppressed[0].suppressions[0].justification == reason
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'report.json'))
assert json.exemptions.size() == 1
assert json.exemptions[0].reason == reason
assert json.exemptions[0].file == 'src/main/k8s/batch.yaml'
def md = new File(reports, 'report.md').text
assert md.contains('### Exemptions')
assert md.contains('from **require-team-label**')
def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-guidepost.xml'))
assert junit.testcase.find { it.@name.text() == 'Deployment/shop/batch require-team-label' }.skipped.size() == 1
return true
