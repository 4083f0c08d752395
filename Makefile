# huntbook: `make demo` and `make test` are the two commands of the README. Each installs
# what is missing (Debian packages; apt-get as root, sudo otherwise), builds and runs.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD := build
TEST_BUILD := build-asan
FUZZ_BUILD := build-fuzz
DATA ?= $(CURDIR)/data
# Debian's interpreter: the python3 first on PATH may be a separate one without packages.
PYTHON := /usr/bin/python3
FUZZ_SECONDS ?= 36
# ccache hits across clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

APT_PACKAGES := cmake ninja-build pkg-config ccache g++ clang libclang-rt-14-dev \
  libre2-dev libzstd-dev liblz4-dev libsimdjson-dev libroaring-dev libxxhash-dev \
  libboost-dev libsodium-dev libsqlite3-dev libssl-dev libevtx-dev libbfio-dev libevtx-utils libpugixml-dev libgtest-dev libgmock-dev libbenchmark-dev \
  python3 python3-dev python3-numpy python3-pandas pybind11-dev python3-pytest python3-ipython \
  ipython3 python3-matplotlib python3-nbclient jupyter-notebook curl \
  python3-plotly python3-networkx python3-sklearn python3-ipywidgets python3-yaml \
  python3-geoip geoip-database publicsuffix \
  tzdata libhowardhinnant-date-dev libgeoip-dev

.PHONY: all deps build test demo bench bench-load fuzz format clean

all: build

deps:
	@scripts/install_deps.sh $(APT_PACKAGES)

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

# The release binary and the benchmark generator (tests are built by `make test`).
build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) --target huntbook huntbook-bench-gen huntbook_native -j $(JOBS)

$(TEST_BUILD)/build.ninja:
	cmake -S . -B $(TEST_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DHUNTBOOK_SANITIZE=address,undefined -DCMAKE_CXX_FLAGS="-O1"

# The whole suite: unit tests, logic tests (test/kql), integration and a bounded parser
# fuzz run, all under ASan/UBSan.
test: deps $(TEST_BUILD)/build.ninja
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 900
	@if [ -x scripts/fuzz.sh ]; then FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh; fi

# Builds release, loads the shipped sample data into $(DATA) and runs hunting queries.
demo: build
	scripts/demo.sh $(BUILD)/huntbook $(DATA)

bench: build
	bench/run.sh $(BUILD)/huntbook

# The server under mixed query and ingest load for LOAD_SECONDS (bench/README.md).
LOAD_SECONDS ?= 60
LOAD_ARGS ?=
bench-load: build
	$(PYTHON) bench/load.py $(BUILD)/huntbook --seconds $(LOAD_SECONDS) $(LOAD_ARGS)

fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} scripts/fuzz.sh

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
