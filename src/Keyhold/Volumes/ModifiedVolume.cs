using Keyhold.Jobs;

namespace Keyhold.Volumes;

/// <summary>A PATCH's outcome: the volume as stored, and the job that encrypts or rekeys it (null when the change is complete).</summary>
public sealed record ModifiedVolume(Volume Volume, Job? Job);
