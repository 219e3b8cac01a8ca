#include "umbra/sim/ThreeVector.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "umbra/core/RandomStream.hpp"

using umbra::RandomStream;
using umbra::sim::rotate_to_frame;
using umbra::sim::ThreeVector;

namespace
{
ThreeVector random_unit(RandomStream& rng)
{
    const double cos_theta = rng.uniform(-1, 1);
    const double sin_theta = std::sqrt(1 - cos_theta * cos_theta);
    const double phi = rng.uniform(0, 2 * M_PI);
    return {sin_theta * std::cos(phi), sin_theta * std::sin(phi), cos_theta};
}
}  // namespace

TEST(ThreeVector, ArithmeticIsConstexpr)
{
    constexpr ThreeVector a{1, 2, 3};
    constexpr ThreeVector b{-4, 5, 0.5};
    static_assert(a + b == ThreeVector{-3, 7, 3.5});
    static_assert(a - b == ThreeVector{5, -3, 2.5});
    static_assert(2 * a == ThreeVector{2, 4, 6});
    static_assert(a * 2 == ThreeVector{2, 4, 6});
    static_assert(-a == ThreeVector{-1, -2, -3});
    static_assert(a.dot(b) == -4 + 10 + 1.5);
    // a x b by hand: (2*0.5 - 3*5, 3*(-4) - 1*0.5, 1*5 - 2*(-4))
    static_assert(a.cross(b) == ThreeVector{-14, -12.5, 13});
    static_assert(a.mag2() == 14);
    EXPECT_DOUBLE_EQ(a.mag(), std::sqrt(14.0));
    EXPECT_DOUBLE_EQ(ThreeVector({3, 4, 12}).unit().z, 12.0 / 13.0);
    EXPECT_EQ(ThreeVector{}.unit(), ThreeVector{});
}

TEST(ThreeVector, RotateToFrameMapsLocalZOntoTheAxis)
{
    RandomStream rng({.seed = 1, .stream = umbra::StreamId::test, .event = 0});
    for (int i = 0; i < 1000; ++i)
    {
        const ThreeVector axis = random_unit(rng);
        const ThreeVector z = rotate_to_frame({0, 0, 1}, axis);
        EXPECT_NEAR((z - axis).mag(), 0, 1e-14);
    }
    // Degenerate axes along +-z (the branch without a transverse component).
    EXPECT_EQ(rotate_to_frame({0.3, 0.4, 0.5}, {0, 0, 1}), (ThreeVector{0.3, 0.4, 0.5}));
    const ThreeVector flipped = rotate_to_frame({0.3, 0.4, 0.5}, {0, 0, -1});
    EXPECT_NEAR(flipped.z, -0.5, 1e-15);
    EXPECT_NEAR(flipped.mag(), ThreeVector({0.3, 0.4, 0.5}).mag(), 1e-15);
}

TEST(ThreeVector, RotateToFrameIsARotation)
{
    // Lengths, angles to the axis and angles between vectors are preserved,
    // and the handedness is kept (x' cross y' = z').
    RandomStream rng({.seed = 2, .stream = umbra::StreamId::test, .event = 0});
    for (int i = 0; i < 1000; ++i)
    {
        const ThreeVector axis = random_unit(rng);
        const ThreeVector u = 3.0 * random_unit(rng);
        const ThreeVector v = random_unit(rng);
        const ThreeVector ru = rotate_to_frame(u, axis);
        const ThreeVector rv = rotate_to_frame(v, axis);
        EXPECT_NEAR(ru.mag(), 3.0, 1e-13);
        EXPECT_NEAR(ru.dot(axis), u.z, 1e-13);  // polar angle w.r.t. the axis
        EXPECT_NEAR(ru.dot(rv), u.dot(v), 1e-13);
        const ThreeVector ex = rotate_to_frame({1, 0, 0}, axis);
        const ThreeVector ey = rotate_to_frame({0, 1, 0}, axis);
        EXPECT_NEAR((ex.cross(ey) - axis).mag(), 0, 1e-13);
    }
}

TEST(ThreeVector, RotateToFrameMatchesClhepConvention)
{
    // CLHEP Hep3Vector::rotateUz formula, x' = (u1 u3 x - u2 y)/up + u1 z,
    // y' = (u2 u3 x + u1 y)/up + u2 z, z' = -up x + u3 z, worked out by hand
    // for u = (0,1,0): (1,0,0) -> (0,0,-1), (0,1,0) -> (-1,0,0), (0,0,1) -> (0,1,0).
    const ThreeVector axis{0, 1, 0};
    EXPECT_NEAR((rotate_to_frame({1, 0, 0}, axis) - ThreeVector{0, 0, -1}).mag(), 0, 1e-15);
    EXPECT_NEAR((rotate_to_frame({0, 1, 0}, axis) - ThreeVector{-1, 0, 0}).mag(), 0, 1e-15);
    EXPECT_NEAR((rotate_to_frame({0, 0, 1}, axis) - ThreeVector{0, 1, 0}).mag(), 0, 1e-15);
}
