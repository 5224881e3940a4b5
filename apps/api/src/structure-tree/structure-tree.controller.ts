import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type TreeNode, StructureTreeService } from './structure-tree.service.js';

@ApiTags('organizations')
@Controller('organizations')
export class StructureTreeController {
  constructor(private readonly trees: StructureTreeService) {}

  /** The whole tree of the legal entity that contains this organization. */
  @Get(':id/tree')
  tree(@Param('id') id: string): Promise<TreeNode> {
    return this.trees.tree(id);
  }
}
