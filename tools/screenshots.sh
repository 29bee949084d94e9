#!/usr/bin/env bash
# Takes the README screenshots: runs the app under a virtual display (Xvfb) and lets it walk
# through its views (ScreenshotTour), writing PNGs to docs/screenshots/.
#   tools/screenshots.sh           the README set, to docs/screenshots/
#   tools/screenshots.sh --check   every view at 1280x800 and 1920x1080 in the light and dark
#                                  themes, to target/screenshots-check/<view>-<W>x<H>-<theme>.png
#                                  (narrow it: SIZES=1280x800 THEMES=dark,nord-dark)
# Needs: xvfb (apt-get install xvfb) and a model in models/ (or runs/).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "install xvfb first: apt-get install xvfb" >&2; exit 1; }
[ -f target/latent-lab.jar ] || ./mvnw -q -B package -DskipTests
if [ "${1:-}" = "--check" ]; then
  out=target/screenshots-check
  mkdir -p "$out"
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    java -Dlatentlab.screenshots="$out" -Dlatentlab.screenshots.check=true \
         -Dlatentlab.screenshots.size="${SIZES:-1280x800,1920x1080}" \
         -Dlatentlab.screenshots.theme="${THEMES:-light,dark}" \
         -Dlatentlab.prefs.node=latent-lab-screenshots -Dlatentlab.userdata=target/screenshots-userdata -Dprism.order=sw -jar target/latent-lab.jar
  ls -l "$out"
else
  xvfb-run -a -s "-screen 0 1400x900x24" \
    java -Dlatentlab.screenshots=docs/screenshots -Dlatentlab.prefs.node=latent-lab-screenshots \
         -Dlatentlab.userdata=target/screenshots-userdata \
         -Dprism.order=sw -jar target/latent-lab.jar
  ls -l docs/screenshots
fi
