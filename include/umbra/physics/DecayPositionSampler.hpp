#pragma once
//! \file
//! Samplers of the decay position along the beam axis z (all lengths in mm).
//!
//! Small immutable functors: build once from a validated Config, then call
//! `sampler(rng)` per event. Each also gives its analytic CDF for tests and
//! diagnostics. They cover the physical choice (truncated exponential,
//! alp-physics.md section 2.5) and the seed workflow's two ad-hoc shapes
//! (uniform and Gamma, alp-physics.md section 2.6).
//!
//!   TruncatedExponentialZSampler sample_z({.z_start = 0, .decay_length_z = 159 * units::mm,
//!                                          .z_min = 200 * units::mm, .z_max = 2000 * units::mm});
//!   RandomStream rng({.seed = 1, .stream = StreamId::decay, .event = i});
//!   double z = sample_z(rng);
//!   double weight = sample_z.window_probability();

#include "umbra/core/Units.hpp"

namespace umbra
{
class RandomStream;
}

namespace umbra::physics
{
//! z ~ U[z_min, z_max): the seed's `lhe_parser_uniform_z.py` mode
//! (alp-physics.md section 2.6). Unweighted, independent of momentum and coupling;
//! combine with the weight of section 2.5 for physical yields.
class UniformZSampler
{
public:
    struct Config
    {
        double z_min = 200 * units::mm;   //!< window start, seed `-min 200` [mm]
        double z_max = 2000 * units::mm;  //!< window end, seed `-max 2000` [mm]

        //! Throws InputError unless both are finite and z_min < z_max.
        void validate() const;
    };

    explicit UniformZSampler(const Config& config);

    //! One z in [z_min, z_max) [mm].
    double operator()(RandomStream& rng) const noexcept;
    //! P(Z <= z) = (z - z_min) / (z_max - z_min), clamped to [0, 1].
    double cdf(double z) const noexcept;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;
};

//! Exponential decay along z starting at z_start with length decay_length_z,
//! truncated to the window [z_min, z_max) (alp-physics.md section 2.5).
//!
//! For a boson with lab decay length L and direction cosine n_z, use
//! decay_length_z = L n_z. Sampling is inverse-CDF; section 2.5 writes it as
//!   z = z_start - Lz ln(e1 - u (e1 - e2)),  e_i = exp(-(z_i - z_start)/Lz),
//! which, with e1 factored out of the logarithm, is identically
//!   z = z_min - Lz ln(1 - u (1 - exp(-(z_max - z_min)/Lz))).
//! The second form is what is evaluated (with log1p/expm1): it never
//! underflows, however many decay lengths the window lies downstream, and
//! has no cancellation for short windows. z_max = +infinity gives the
//! untruncated exponential; z_min = z_start is allowed (the seed's
//! `lhe_parser_exp_z.py` counts from the window entrance with Lz = 10 mm).
class TruncatedExponentialZSampler
{
public:
    struct Config
    {
        double z_start = 0;  //!< production point z0, the target [mm]
        //! Exponential length along z, lab decay length times n_z [mm]. No
        //! default: depends on momentum and coupling; 0 fails validation.
        double decay_length_z = 0;
        double z_min = 200 * units::mm;   //!< window start, >= z_start [mm]
        double z_max = 2000 * units::mm;  //!< window end, > z_min; may be +infinity [mm]

        //! Throws InputError unless z_start, z_min, decay_length_z are finite,
        //! decay_length_z > 0, z_start <= z_min < z_max (z_max may be +inf).
        void validate() const;
    };

    explicit TruncatedExponentialZSampler(const Config& config);

    //! One z in [z_min, z_max] [mm], density proportional to exp(-(z - z_start)/Lz)
    //! (z_max itself is reached only by rounding).
    double operator()(RandomStream& rng) const noexcept;
    //! P(Z <= z | window) = (1 - exp(-(z - z_min)/Lz)) / (1 - exp(-(z_max - z_min)/Lz)).
    double cdf(double z) const noexcept;

    //! Probability that a decay starting at z_start happens inside the
    //! window, P = e1 - e2 (alp-physics.md section 2.5), evaluated as
    //! e1 (1 - exp(-(z_max - z_min)/Lz)). Underflows legitimately to 0 when
    //! the window starts more than ~745 decay lengths downstream; use
    //! log_window_probability() there.
    double window_probability() const noexcept;
    //! ln P, finite even when P underflows:
    //! ln P = -(z_min - z_start)/Lz + ln(1 - exp(-(z_max - z_min)/Lz)).
    double log_window_probability() const noexcept;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;
    double window_fraction_;  //!< 1 - exp(-(z_max - z_min)/Lz), in (0, 1] [1]
};

//! z = loc + Gamma(shape k, scale): the seed's `alp_lhe_parser_gamma_z.py`
//! mode, scipy `gamma.rvs(2, loc=350, scale=15)` (alp-physics.md section 2.6).
//! Not physical (independent of momentum and coupling), kept to reproduce
//! the seed samples.
//!
//! Gamma deviates by Marsaglia & Tsang, "A simple method for generating
//! gamma variables", ACM TOMS 26 (2000) 363, for k >= 1, with their boost
//! Gamma(k) = Gamma(k + 1) U^(1/k) for k < 1; the normal deviates inside by
//! the Marsaglia polar method (Marsaglia & Bray, SIAM Review 6 (1964) 260),
//! all drawn from the same RandomStream. The number of random numbers used
//! per sample varies (rejection), but the sequence is fully determined by
//! the stream.
class GammaZSampler
{
public:
    struct Config
    {
        double shape = 2;               //!< k > 0 [1]
        double loc = 350 * units::mm;   //!< shift, the smallest z [mm]
        double scale = 15 * units::mm;  //!< scale theta > 0 [mm]

        //! Throws InputError unless all finite, shape > 0, scale > 0.
        void validate() const;
    };

    explicit GammaZSampler(const Config& config);

    //! One z >= loc [mm].
    double operator()(RandomStream& rng) const noexcept;
    //! P(Z <= z) = P(k, (z - loc)/scale), the regularised lower incomplete
    //! gamma function (series / continued fraction, Numerical Recipes 3rd ed. section 6.2).
    double cdf(double z) const noexcept;

    const Config& config() const noexcept { return config_; }

private:
    Config config_;
    double log_gamma_shape_;  //!< ln Gamma(k), cached for cdf() [1]
};
}  // namespace umbra::physics
