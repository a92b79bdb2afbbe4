// A manifest folder that holds no Kubernetes object checks nothing: a warning says so (never a silent pass), and
// failIfNothingChecked turns it into a build failure with the same reason.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).findAll { it.trim() }
assert runs.size() == 2

def warned = runs[0]
assert warned.contains('[WARNING] Nothing was checked: no Kubernetes object was read (1 document skipped or unreadable), against it-pack@1.0.0 (check <manifests> and <packs>); <failIfNothingChecked>true</failIfNothingChecked> makes this fail the build')
assert warned.contains('BUILD SUCCESS')

def failed = runs[1]
assert failed.contains('Nothing was checked: no Kubernetes object was read (1 document skipped or unreadable), against it-pack@1.0.0')
assert failed.contains('BUILD FAILURE')
return true
