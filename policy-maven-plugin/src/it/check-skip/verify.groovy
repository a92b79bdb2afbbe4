// policy.skip and policy.check.skip each skip the check (the Enforce violation is never looked at), and say so.
def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] Skipping Guidepost check (policy.skip=true)')
assert log.contains('[INFO] Skipping Guidepost check (policy.check.skip=true)')
assert !log.contains('Checking ')
assert !log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/guidepost').exists()
return true
