// The CLI contract of `synergy zoo` and `synergy inspect`: arguments -> exit code -> output.
#include <gtest/gtest.h>

#include <filesystem>

#include "contract.hpp"

namespace synergy::testing {
namespace {

const Case kCases[] = {
    // zoo
    {"zoo", 0, Stream::Out, R"(alexnet\s+AlexNet \(BVLC Caffe\)\s+1x3x227x227\s+23\s)"},
    {"zoo", 0, Stream::Out, R"(shufflenet_v2\s.*1x3x224x224)"},
    {"zoo --format csv", 0, Stream::Out, R"(^name,title,input,layers,macs,params,source\n)"},
    {"zoo --format csv", 0, Stream::Out, R"(\nallcnn_c,[^\n]*,1x3x32x32,)"},
    {"zoo --format json", 0, Stream::Out, R"("name": "mobilenet_v1")"},
    {"zoo --format json", 0, Stream::Out,
     R"(^\{\n  "format": "synergy-zoo",\n  "version": 1,\n  "units": \{\n    "macs": )"},
    {"zoo --format xml", 2, Stream::Err, R"(xml)"},
    {"zoo --bogus", 2, Stream::Err, R"(bogus)"},
    {"zoo --help", 0, Stream::Out, R"(examples:)"},
    // sample: networks drawn from design spaces, written as ONNX
    {"sample --list", 0, Stream::Out, R"(\ninverted: MobileNet v2/v3-like)"},
    {"sample residual --count 2 --seed 4 --out {tmp}nets", 0, Stream::Out,
     R"(\nresidual_s4_1\s+1x3x\d+x\d+\s+\d+\s+[0-9.]+\s+[0-9.]+\s+\S+residual_s4_1\.onnx\n)"},
    {"sample transformer --out {tmp}nets", 2, Stream::Err,
     R"(unknown design space 'transformer'; known: plain, residual, inverted, shuffle, dense, inception, grouped, classic)"},
    {"sample plain", 2, Stream::Err, R"(--out is required)"},
    {"sample plain --count 0 --out {tmp}nets", 2, Stream::Err, R"(--count)"},
    // inspect: per-layer rows, totals, per-type breakdown
    {"inspect alexnet", 0, Stream::Out, R"(\nconv1\s+Conv\s+1x96x55x55\s+105,415,200\s+34,944\s)"},
    {"inspect alexnet", 0, Stream::Out, R"(\nConv\s+5\s+665,784,864\s)"},
    {"inspect alexnet", 0, Stream::Out, R"(\ntotal\s+724,406,816\s+60,965,224\s)"},
    {"inspect resnet50", 0, Stream::Out, R"(\nConv\s+53\s+3,855,925,248\s)"},
    {"inspect mobilenet_v1", 0, Stream::Out, R"(\nConv\s+27\s+567,716,352\s)"},
    {"inspect alexnet --batch 4", 0, Stream::Out, R"(\nconv1\s+Conv\s+4x96x55x55\s+421,660,800\s)"},
    {"inspect alexnet --format csv", 0, Stream::Out,
     R"(^section,name,type,detail,output_shape,layers,macs,flops,params,)"},
    {"inspect alexnet --format csv", 0, Stream::Out,
     R"re(\nlayer,conv2,Conv,"conv\(k=5x5,s=1x1,g=2,c=96->256,hw=27x27\)",1x256x27x27,1,223948800,)re"},
    {"inspect alexnet --format csv", 0, Stream::Out, R"(\ntotal,total,,,,23,724406816,)"},
    {"inspect squeezenet --format json", 0, Stream::Out, R"("name": "fire2/squeeze1x1")"},
    {"inspect squeezenet --format json", 0, Stream::Out, R"("network": "squeezenet")"},
    {"inspect squeezenet --format json", 0, Stream::Out,
     R"(^\{\n  "format": "synergy-inspect",\n  "version": 1,\n  "units": \{)"},
    {"inspect --help", 0, Stream::Out, R"(examples:)"},
    // bad input: exit 2, one clear line on stderr, nothing on stdout
    {"inspect no_such_net", 2, Stream::Err, R"(unknown network 'no_such_net'.*alexnet)"},
    {"inspect", 2, Stream::Err, R"(network is required)"},
    {"inspect alexnet --batch 0", 2, Stream::Err, R"(--batch)"},
    {"inspect alexnet --batch many", 2, Stream::Err, R"(--batch)"},
    {"inspect alexnet --format xml", 2, Stream::Err, R"(xml)"},
    {"inspect /nonexistent/model.onnx", 2, Stream::Err, R"(model\.onnx)"},
    {"inspect /nonexistent/deploy.prototxt", 2, Stream::Err, R"(deploy\.prototxt)"},
    {"inspect {tmp}garbage.onnx", 2, Stream::Err, R"(garbage\.onnx)"},
    {"inspect /models/resnet50.pt", 2, Stream::Err, R"(resnet50\.pt': not a model file)"},
    // model files: the BVLC AlexNet prototxt costs what the zoo's AlexNet costs
    {"inspect {src}/tests/data/caffe/alexnet.prototxt", 0, Stream::Out,
     R"(\nConv\s+5\s+665,784,864\s)"},
    {"inspect {src}/tests/data/caffe/alexnet.prototxt --batch 2 --format csv", 0, Stream::Out,
     R"(\ntotal,total,,,,23,1448813632,)"},
};

class CliContract : public ::testing::TestWithParam<Case> {};

TEST_P(CliContract, ExitCodeAndOutput) {
  ASSERT_TRUE(std::filesystem::exists(synergy_binary()))
      << "binary not built: " << synergy_binary();
  expect_contract(GetParam());
}

INSTANTIATE_TEST_SUITE_P(ZooInspect, CliContract, ::testing::ValuesIn(kCases), case_name);

}  // namespace
}  // namespace synergy::testing
