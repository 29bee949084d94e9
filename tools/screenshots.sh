#!/usr/bin/env bash
# Takes the README screenshots: runs the app under a virtual display (Xvfb) and lets it walk
# through its views (ScreenshotTour), writing PNGs to docs/screenshots/.
# Needs: xvfb (apt-get install xvfb) and a model in models/ (or runs/).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "install xvfb first: apt-get install xvfb" >&2; exit 1; }
[ -f target/latent-lab.jar ] || ./mvnw -q -B package -DskipTests
xvfb-run -a -s "-screen 0 1400x900x24" \
  java -Dlatentlab.screenshots=docs/screenshots -Dlatentlab.prefs.node=latent-lab-screenshots \
       -Dprism.order=sw -jar target/latent-lab.jar
ls -l docs/screenshots
