// A committed baseline of known violations: only new violations fail the build (known ones are listed, fixed
// entries are pointed out); -Dpolicy.baseline.update=true rewrites it, after which the build is green.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 5

def first = runs[0]
assert first.contains('Baseline guidepost-baseline.yaml: 2 known violations')
assert first.contains('[INFO] KNOWN src/main/k8s/legacy.yaml:2 Deployment/shop/legacy require-team-label (in the baseline): Deployment legacy has no team label')
assert first.contains('[ERROR] FAIL src/main/k8s/fresh.yaml:2  Deployment/shop/fresh')
assert !first.contains('FAIL src/main/k8s/legacy.yaml')
assert first.contains('[WARNING] UNSEEN require-team-label on Deployment/shop/decommissioned is in the baseline but none of the manifests checked is that resource (removed, or outside the manifests checked); remove it from the baseline if the resource is gone')
assert first.contains('Guidepost policy check failed: 1 violation fails the check; 1 known violation in the baseline; 1 baseline entry not seen')
assert first.contains('BUILD FAILURE')

def second = runs[1]
assert second =~ /Wrote 2 entries \(one per policy, rule and resource\) for \d+ violations to the baseline guidepost-baseline\.yaml; commit it/
assert second.contains('BUILD SUCCESS')

def third = runs[2]
assert third.contains('Guidepost policy check passed: 2 known violations in the baseline')
assert third.contains('BUILD SUCCESS')

def fourth = runs[3]
assert fourth.contains('[WARNING] No baseline file at no-such-baseline.yaml, so every violation counts; write it from the current violations with -Dpolicy.baseline.update=true and commit it')
assert fourth.contains('[ERROR] FAIL src/main/k8s/legacy.yaml:2')
assert fourth.contains('BUILD FAILURE')
assert !new File(basedir, 'no-such-baseline.yaml').exists()

def fifth = runs[4]
assert fifth.contains('Guidepost policy check passed')
assert !fifth.contains('No baseline file')
assert fifth.contains('BUILD SUCCESS')

def baseline = new File(basedir, 'guidepost-baseline.yaml').text
assert baseline.contains('''violations:
  - policy: require-team-label
    kind: Deployment
    namespace: shop
    name: fresh
  - policy: require-team-label
    kind: Deployment
    namespace: shop
    name: legacy
''')
assert !baseline.contains('decommissioned')
assert !baseline.contains('line')  || baseline.contains('file or line')

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/guidepost/report.sarif'))
assert sarif.runs[0].results*.baselineState == ['unchanged', 'unchanged']
def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/guidepost/TEST-guidepost.xml'))
assert junit.@failures.text() == '0'
assert junit.@skipped.text() == '2'
return true
