# The two commands of the README. Both install what is missing (scripts/setup),
# then build in Release with CMake into build/.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup build demo test bench clean

all: build

setup:
	@./scripts/setup

build: setup
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@./scripts/demo $(BUILD_DIR)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_FLAGS)

bench: build
	@./bench/lhe_compare.sh $(BUILD_DIR)
	@$(BUILD_DIR)/bench/NumberBenchmark
	@./bench/sim_scaling.sh $(BUILD_DIR) 100

clean:
	@rm -rf $(BUILD_DIR)
