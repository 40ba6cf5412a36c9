"""What a transform returns: the files it wrote into its folder, each described for a Derivative row."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    name: str  # path relative to the transform's output folder
    role: str  # a Derivative.Role value
    mime_type: str
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    bitrate: int | None = None
