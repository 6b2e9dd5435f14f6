#include "zoo/spaces/spaces.hpp"

#include "util/error.hpp"
#include "zoo/spaces/draw.hpp"

namespace synergy::zoo {

namespace {

struct Entry {
  DesignSpace space;
  Graph (*build)(spaces::Draw&, const std::string&);
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all = {
      {{"plain",
        "conv stacks (AlexNet/VGG-like): 3-5 stages of 1-3 convolutions (kernel 1, 3 or 5; the "
        "first 3, 5, 7 or 11 with stride 1, 2 or 4), widths 16-512 growing by stage, batch norm "
        "or not, 2x2 max pooling between stages, global pooling and a 10-1000 way classifier; "
        "input 96-320"},
       spaces::plain},
      {{"residual",
        "ResNet-like: a 3x3 or 7x7 stride-2 stem with or without max pooling, 2-4 stages of 1-4 "
        "basic (two 3x3) or bottleneck (1x1, 3x3, 1x1, expansion 4) blocks, base width 16-64 "
        "doubling by stage, a 1x1 projection where the shape changes; input 96-320"},
       spaces::residual},
      {{"inverted",
        "MobileNet v2/v3-like: a stride-2 stem of 16-32 channels, 4-6 stages of 1-4 inverted "
        "residual blocks (expansion 1, 3, 4 or 6; depthwise 3x3 or 5x5; the first 3 or 4 stages "
        "downsample), ReLU6, hard-swish or swish (SiLU), squeeze-excite (ratio 4, hard-sigmoid; "
        "swish and sigmoid in a swish stage) in half the stages, a 1x1 head of "
        "576-1280 channels; input 96-320"},
       spaces::inverted},
      {{"shuffle",
        "ShuffleNet v2-like: a stride-2 stem and max pooling, 3 stages of 2-6 units (channel "
        "split, 1x1 / depthwise 3x3 / 1x1 branch, concat, channel shuffle; the first unit of a "
        "stage downsamples with two branches), stage widths 48-244 doubling, a 1x1 head of "
        "512-1024 channels; input 96-320"},
       spaces::shuffle},
      {{"dense",
        "DenseNet-like: a 7x7 stride-2 stem with or without 3x3 max pooling, or a 3x3 stride-1 "
        "stem with it, of twice the growth rate; 2-4 dense blocks of 2-8 layers (a BN-ReLU-1x1 "
        "bottleneck to 4x the growth rate or none, BN-ReLU-3x3 to the growth rate, concat with "
        "the layer's input), growth rate 8-32, transitions of BN-ReLU-1x1 (compression 0.5 or 1) "
        "and 2x2 average pooling, a BN-ReLU head, global pooling and a 10-1000 way classifier; "
        "input 96-320"},
       spaces::dense},
      {{"inception",
        "GoogLeNet-like: a 7x7 stride-2 stem of 32-64 channels, max pooling, a 1x1 and a 3x3 "
        "conv (three times the stem width), max pooling; 2-4 stages of 1-3 inception modules "
        "with 3 or 4 of the branches 1x1, 1x1-3x3, 1x1-5x5 or 1x1-3x3-3x3, and a 3x3 pool-1x1 "
        "(max pooling, or as Inception v3 exports it a zero Pad and average pooling), "
        "branch widths 0.25-2 times a unit (the stem width doubling by stage, at most 256), "
        "batch norm or not, max pooling between stages, global pooling and a 10-1000 way "
        "classifier; input 96-320"},
       spaces::inception},
      {{"grouped",
        "ResNeXt/RegNet-like: a 3x3 stride-2 stem of 16-48 channels, 2-4 stages of 1-4 residual "
        "blocks (1x1, grouped 3x3 with group width 8-64 and 1-4 groups doubling by stage, 1x1; "
        "the first block of each stage downsamples, with a 1x1 projection), a head of ReduceMean "
        "or global pooling and Flatten, a 10-1000 way classifier, softmax or not; input 96-320"},
       spaces::grouped},
      {{"classic",
        "AlexNet/Caffe-like: a 7x7 stride-2 or 11x11 stride-4 convolution of 48-96 channels, "
        "local response normalisation or not (after each of the first two convolutions), 3x3 "
        "max pooling; a 5x5 convolution of 1 or 2 groups, 64-512 channels; 1-3 3x3 convolutions "
        "(the later ones grouped alike), max "
        "pooling, Flatten, two fully-connected layers of 256-1024 with ReLU and dropout, a "
        "10-1000 way classifier and softmax; input 96-320"},
       spaces::classic},
  };
  return all;
}

}  // namespace

const std::vector<DesignSpace>& design_spaces() {
  static const std::vector<DesignSpace> all = [] {
    std::vector<DesignSpace> out;
    for (const auto& e : entries()) out.push_back(e.space);
    return out;
  }();
  return all;
}

const DesignSpace& design_space(const std::string& name) {
  std::string known;
  for (const auto& s : design_spaces()) {
    if (s.name == name) return s;
    known += (known.empty() ? "" : ", ") + s.name;
  }
  throw bad_input("unknown design space '" + name + "'; known: " + known);
}

Graph sample_network(const std::string& space, uint64_t seed, int64_t index) {
  design_space(space);  // the error names the known spaces
  for (const auto& e : entries()) {
    if (e.space.name != space) continue;
    // Each network from its own seed sequence: more networks later leave these the same.
    std::seed_seq seq{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                      static_cast<uint32_t>(index), static_cast<uint32_t>(index >> 32),
                      static_cast<uint32_t>(e.space.name.size())};
    spaces::Draw draw(seq);
    return e.build(draw, space + "_s" + std::to_string(seed) + "_" + std::to_string(index));
  }
  throw bad_input("unknown design space '" + space + "'");
}

}  // namespace synergy::zoo
