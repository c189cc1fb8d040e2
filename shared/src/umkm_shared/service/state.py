"""What routes inject: the objects a service's `assemble` put on `app.state`."""

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request

T = TypeVar("T")


def from_state(name: str, kind: type[T]) -> Callable[[Request], T]:
    """A FastAPI dependency giving `app.state.<name>`, checked to be a `kind`.

    Use as `Annotated[Service, Depends(from_state("service", Service))]`.
    """

    def dependency(request: Request) -> T:
        value = getattr(request.app.state, name)
        if not isinstance(value, kind):
            raise TypeError(f"app.state.{name} is {type(value).__name__}, not {kind.__name__}")
        return value

    dependency.__name__ = f"get_{name}"
    return dependency
