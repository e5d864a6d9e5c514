package main

import (
	"fmt"
	"os"

	"example.com/image-builder/pkg/dockerfile"
)

func main() {
	fmt.Print(dockerfile.Render(os.Args[1]))
}
