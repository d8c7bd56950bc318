# The README's two commands: `make run` and `make test`. Both install missing Debian packages
# first (through sudo when not root), so a fresh Debian 12 machine needs nothing else.
# fonts-dejavu-extra: the canvas tests measure text, and what fits on a card depends on the
# DejaVu faces present; a bare machine and one that kept them otherwise disagree.
# librdkafka-dev, kcat: the Kafka clients nobody here wrote, that `serve` is tested against and that
# `watch` uses; zlib, snappy, lz4, zstd: the record batch compressions Kafka clients send.

PACKAGES := cmake g++ make ccache pkg-config qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libqt6sql6-sqlite \
            libgl-dev fonts-dejavu-core fonts-dejavu-extra librsvg2-bin appstream desktop-file-utils shared-mime-info dpkg-dev file ffmpeg \
            librdkafka-dev kcat python3-kafka zlib1g-dev libsnappy-dev liblz4-dev libzstd-dev
FUZZ_PACKAGES := clang libclang-rt-14-dev
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 300
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# A desktop's unattended upgrades may hold dpkg's lock for a while: wait for it, do not fail.
APT_WAIT := -o DPkg::Lock::Timeout=600

PREFIX ?= /usr/local

.PHONY: run test bench sanitize fuzz format deps fuzz-deps build build-tests packages install package

run: build
	build/bin/postoffice

test: build-tests
	cd build-tests && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

# Into PREFIX (DESTDIR is honoured, as packagers expect): the binary, the shipped scenarios, the
# launcher entry, icons, AppStream metadata and the scenario file type.
install: build
	$(if $(DESTDIR),,$(SUDO)) cmake --install build --prefix $(PREFIX)

# A .deb for Debian 12 whose dependencies are Debian's runtime packages; written into build/.
package: build
	cd build && cpack -G DEB
	@ls build/postoffice_*.deb

bench: build
	@for b in build/bin/bench_*; do echo "== $$b"; $$b || exit 1; done

sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPOSTOFFICE_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Coverage-guided fuzzing of the scenario loader, the Kafka wire codec and the group coordinator;
# crashes land in build-fuzz/ as crash-* files.
fuzz: deps fuzz-deps
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOSTOFFICE_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS) --target fuzz_scenario fuzz_wire fuzz_wire_groups
	mkdir -p fuzz-corpus && cp -n scenarios/*.json tests/fixtures/broken/*.json fuzz-corpus/ 2>/dev/null || true
	cd build-fuzz && QT_QPA_PLATFORM=offscreen ./bin/fuzz_scenario -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=16384 ../fuzz-corpus
	mkdir -p build-fuzz/corpus-wire && cp -n tests/fixtures/wire/corpus/* build-fuzz/corpus-wire/ 2>/dev/null || true
	cd build-fuzz && ./bin/fuzz_wire -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 \
	  corpus-wire
	mkdir -p build-fuzz/corpus-wire-groups && cp -n tests/fixtures/wire/group-corpus/* build-fuzz/corpus-wire-groups/ 2>/dev/null || true
	cd build-fuzz && ./bin/fuzz_wire_groups -max_total_time=$(FUZZ_SECONDS) -max_len=16384 corpus-wire-groups

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

# The release build holds what `make run` and `make bench` start; the tests live in build-tests.
build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS) --target postoffice bench_broker bench_sim bench_ui bench_wire

build-tests: deps
	cmake -S . -B build-tests -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-tests -j $(JOBS)

# The package list, for the test that checks it covers everything the build found.
packages:
	@echo $(PACKAGES)

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get $(APT_WAIT) update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get $(APT_WAIT) install -y -qq --no-install-recommends $$missing; \
	fi

fuzz-deps:
	@missing=$$(for p in $(FUZZ_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get $(APT_WAIT) update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get $(APT_WAIT) install -y -qq --no-install-recommends $$missing; \
	fi
